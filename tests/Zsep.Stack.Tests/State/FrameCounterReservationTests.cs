using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using Zsep.Stack.State;

namespace Zsep.Stack.Tests.State
{
    /// <summary>Outgoing frame counters (Zigbee PRO 4.3.1.1) persisted ahead of use (shared/design.md "State on disk").</summary>
    public class FrameCounterReservationTests
    {
        [Fact]
        public void Counters_start_at_zero_and_increase_by_one()
        {
            using var dir = new TempFolder();
            using var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);
            var counter = new FrameCounterReservation(store, FrameCounterReservation.NetworkKeyName(0), blockSize: 16);
            Assert.Equal(Enumerable.Range(0, 40).Select(i => (uint)i), Enumerable.Range(0, 40).Select(_ => counter.Next()));
        }

        [Fact]
        public void The_limit_is_committed_before_a_counter_of_the_block_is_handed_out()
        {
            using var dir = new TempFolder();
            using var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);
            var counter = new FrameCounterReservation(store, "nwk:0", blockSize: 10);
            Assert.Null(store.GetOutgoingFrameCounterLimit("nwk:0"));
            for (int i = 0; i < 25; i++)
            {
                uint used = counter.Next();
                Assert.True(store.GetOutgoingFrameCounterLimit("nwk:0") > used);
            }

            Assert.Equal(30, store.GetOutgoingFrameCounterLimit("nwk:0"));
            Assert.Equal(30, counter.ReservedLimit);
        }

        /// <summary>
        /// A simulated kill: counters are used, the reservation object is dropped without any close, and the store is
        /// reopened from the files as they were; the next counter is above every counter used before.
        /// </summary>
        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(4095)]
        [InlineData(4096)]
        [InlineData(4097)]
        [InlineData(10000)]
        public void After_a_kill_the_next_counter_is_above_every_used_one(int used)
        {
            using var dir = new TempFolder();
            using var copy = new TempFolder();
            string path = dir.File(NetworkStore.FileName);
            var sent = new List<uint>();
            using (var store = NetworkStore.Open(path, create: true))
            {
                var counter = new FrameCounterReservation(store, FrameCounterReservation.NetworkKeyName(0));
                for (int i = 0; i < used; i++)
                {
                    sent.Add(counter.Next());
                }

                // The instant of the kill: the files as they are now, store still open, nothing flushed or closed.
                System.IO.File.Copy(path, copy.File(NetworkStore.FileName));
                if (System.IO.File.Exists(path + "-wal"))
                {
                    System.IO.File.Copy(path + "-wal", copy.File(NetworkStore.FileName + "-wal"));
                }
            }

            using var reopened = NetworkStore.Open(copy.File(NetworkStore.FileName));
            var resumed = new FrameCounterReservation(reopened, FrameCounterReservation.NetworkKeyName(0));
            uint next = resumed.Next();
            Assert.All(sent, s => Assert.True(next > s, $"{next} is not above {s}"));
            Assert.True(resumed.Next() > next);
        }

        [Fact]
        public void Reopening_after_a_clean_close_also_resumes_above_every_used_counter()
        {
            using var dir = new TempFolder();
            string path = dir.File(NetworkStore.FileName);
            uint last;
            using (var store = NetworkStore.Open(path, create: true))
            {
                var counter = new FrameCounterReservation(store, "aps:x", blockSize: 100);
                for (int i = 0; i < 150; i++)
                {
                    counter.Next();
                }

                last = counter.Next();
            }

            using (var store = NetworkStore.Open(path))
            {
                Assert.Equal(200u, new FrameCounterReservation(store, "aps:x", blockSize: 100).Next());
                Assert.True(200u > last);
            }
        }

        [Fact]
        public void Counters_of_different_keys_are_independent()
        {
            using var dir = new TempFolder();
            using var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);
            var nwk = new FrameCounterReservation(store, FrameCounterReservation.NetworkKeyName(0), 8);
            var aps = new FrameCounterReservation(store, FrameCounterReservation.LinkKeyName(NetworkStoreTests.Meter1), 8);
            for (int i = 0; i < 20; i++)
            {
                nwk.Next();
            }

            Assert.Equal(0u, aps.Next());
            Assert.Equal("aps:000D6F000BBCAB01", aps.KeyName);
        }

        [Fact]
        public void The_stored_limit_never_goes_down()
        {
            using var dir = new TempFolder();
            using var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);
            Assert.Equal(5000, store.ReserveOutgoingFrameCounters("k", 5000));
            Assert.Equal(5000, store.ReserveOutgoingFrameCounters("k", 10));
            Assert.Equal(5000, store.GetOutgoingFrameCounterLimit("k"));
        }

        /// <summary>Zigbee PRO 4.3.1.1: a counter of 2^32 - 1 is never used; the key must be replaced.</summary>
        [Fact]
        public void An_exhausted_counter_refuses_rather_than_wrapping()
        {
            using var dir = new TempFolder();
            using var store = NetworkStore.Open(dir.File(NetworkStore.FileName), create: true);
            store.ReserveOutgoingFrameCounters("k", FrameCounterReservation.MaxCounter - 1L);
            var counter = new FrameCounterReservation(store, "k");
            Assert.Equal(FrameCounterReservation.MaxCounter - 1, counter.Next());
            Assert.Equal(FrameCounterReservation.MaxCounter, counter.Next());
            Assert.Throws<InvalidOperationException>(() => counter.Next());
            Assert.Equal((long)uint.MaxValue, store.GetOutgoingFrameCounterLimit("k"));
        }
    }
}
