using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Zsep.Radio.Driver;
using Zsep.Radio.Hdlc;
using Zsep.Radio.Spinel;
using Zsep.Radio.Transport;
using Xunit;

namespace Zsep.Radio.Tests.Driver
{
    /// <summary>
    /// The host side of the Spinel link against a hand-driven radio end: TID matching (draft-rquattle-spinel-unified
    /// section 2.1.3), timeouts, unsolicited frames, and a line that splits, merges, garbles and corrupts.
    /// </summary>
    public sealed class SpinelHostTests : IDisposable
    {
        private readonly InMemoryTransport _hostEnd;
        private readonly InMemoryTransport _radioEnd;
        private readonly SpinelHost _host;
        private readonly BlockingQueue _fromHost = new BlockingQueue();

        public SpinelHostTests()
        {
            (_hostEnd, _radioEnd) = InMemoryTransport.CreatePair("t");
            var decoder = new HdlcDecoder();
            _radioEnd.DataReceived += d =>
            {
                foreach (byte[] f in decoder.Feed(d.Span))
                {
                    _fromHost.Add(SpinelFrame.Decode(f));
                }
            };
            _radioEnd.Open();
            _host = new SpinelHost(_hostEnd);
            _host.Open();
        }

        public void Dispose()
        {
            _host.Dispose();
            _radioEnd.Dispose();
        }

        private void RadioSends(SpinelFrame frame) => _radioEnd.Write(frame.ToHdlc());

        private static SpinelFrame Is(byte tid, SpinelPropertyId p, params byte[] value) =>
            new SpinelFrame { Tid = tid, CommandId = SpinelCommandId.PropValueIs, PropertyId = p, Value = value };

        [Fact]
        public async Task Replies_are_matched_by_TID_whatever_their_order()
        {
            Task<byte[]> chan = _host.PropertyAsync(SpinelCommandId.PropValueGet, SpinelPropertyId.PhyChan);
            Task<byte[]> power = _host.PropertyAsync(SpinelCommandId.PropValueGet, SpinelPropertyId.PhyTxPower);
            SpinelFrame a = _fromHost.Take(), b = _fromHost.Take();
            Assert.NotEqual(a.Tid, b.Tid);
            Assert.InRange(a.Tid, 1, 15);
            Assert.InRange(b.Tid, 1, 15);
            RadioSends(Is(b.Tid, SpinelPropertyId.PhyTxPower, 0xFD));
            RadioSends(Is(a.Tid, SpinelPropertyId.PhyChan, 15));
            Assert.Equal(new byte[] { 15 }, await chan);
            Assert.Equal(new byte[] { 0xFD }, await power);
        }

        [Fact]
        public async Task An_error_status_is_a_SpinelStatusException_naming_it()
        {
            Task<byte[]> set = _host.PropertyAsync(SpinelCommandId.PropValueSet, SpinelPropertyId.PhyChan, new byte[] { 40 });
            SpinelFrame req = _fromHost.Take();
            RadioSends(Is(req.Tid, SpinelPropertyId.LastStatus, (byte)SpinelStatus.InvalidArgument));
            var error = await Assert.ThrowsAsync<SpinelStatusException>(() => set);
            Assert.Equal(SpinelStatus.InvalidArgument, error.Status);
        }

        [Fact]
        public async Task An_unanswered_request_times_out_and_a_late_reply_is_counted_not_misdelivered()
        {
            Task<byte[]> get = _host.PropertyAsync(SpinelCommandId.PropValueGet, SpinelPropertyId.PhyChan, timeout: TimeSpan.FromMilliseconds(100));
            SpinelFrame req = _fromHost.Take();
            await Assert.ThrowsAsync<TimeoutException>(() => get);
            Assert.Equal(1, _host.Counters.Timeouts);
            RadioSends(Is(req.Tid, SpinelPropertyId.PhyChan, 11));
            SpinWait.SpinUntil(() => _host.Counters.UnmatchedReplies == 1, 2000);
            Assert.Equal(1, _host.Counters.UnmatchedReplies);
        }

        [Fact]
        public void Fifteen_transaction_ids_at_most_are_outstanding()
        {
            var tasks = new List<Task<SpinelFrame>>();
            for (int i = 0; i < 16; i++)
            {
                tasks.Add(_host.RequestAsync(SpinelFrame.PropertyGet(SpinelPropertyId.PhyChan), TimeSpan.FromMilliseconds(300)));
            }

            var tids = new HashSet<byte>();
            for (int i = 0; i < 15; i++)
            {
                tids.Add(_fromHost.Take().Tid);
            }

            Assert.Equal(15, tids.Count);
            Assert.DoesNotContain((byte)0, tids);
            // The sixteenth waited for a TID and gave up: nothing more was sent.
            Assert.ThrowsAny<Exception>(() => tasks[15].GetAwaiter().GetResult());
        }

        [Fact]
        public void Garbage_before_a_flag_split_and_merged_reads_and_a_bad_FCS_on_the_line()
        {
            var got = new BlockingQueue();
            _host.Unsolicited += got.Add;
            byte[] one = Is(0, SpinelPropertyId.LastStatus, (byte)SpinelStatus.ResetSoftware).ToHdlc();
            byte[] two = Is(0, SpinelPropertyId.PhyChan, 20).ToHdlc();
            byte[] bad = Is(0, SpinelPropertyId.PhyChan, 21).ToHdlc();
            bad[bad.Length - 2] ^= 0x01; // a flipped bit in the FCS (0x01 keeps it clear of the flag and escape bytes)
            var line = new List<byte> { 0x13, 0x37, 0x00, 0xFF };   // noise before any flag
            line.AddRange(one);
            line.AddRange(bad);
            line.AddRange(two);
            byte[] all = line.ToArray();
            _radioEnd.Write(all.AsSpan(0, 7));       // split mid-frame ...
            _radioEnd.Write(all.AsSpan(7));          // ... and the rest merged in one read
            Assert.Equal(SpinelPropertyId.LastStatus, got.Take().PropertyId);
            Assert.Equal(new byte[] { 20 }, got.Take().Value);
            Assert.True(SpinWait.SpinUntil(() => _host.Counters.FcsErrors == 1, 2000));
        }

        [Fact]
        public void A_closed_line_fails_what_waits_and_what_comes_next()
        {
            Task<byte[]> get = _host.PropertyAsync(SpinelCommandId.PropValueGet, SpinelPropertyId.PhyChan, timeout: TimeSpan.FromSeconds(30));
            _fromHost.Take();
            _radioEnd.Dispose();
            var error = Assert.Throws<RadioUnavailableException>(() => get.GetAwaiter().GetResult());
            Assert.Equal(_hostEnd.Name, error.Radio);
            Assert.Throws<RadioUnavailableException>(() => _host.Send(SpinelFrame.Command(SpinelCommandId.Noop)));
        }

        private sealed class BlockingQueue
        {
            private readonly System.Collections.Concurrent.BlockingCollection<SpinelFrame> _items = new System.Collections.Concurrent.BlockingCollection<SpinelFrame>();

            public void Add(SpinelFrame f) => _items.Add(f);

            public SpinelFrame Take() =>
                _items.TryTake(out SpinelFrame? f, TimeSpan.FromSeconds(5)) ? f : throw new TimeoutException("nothing arrived");
        }
    }
}
