using System;
using System.Collections.Generic;
using Zsep.Stack.Aps;
using Zsep.Stack.Nwk;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// APS fragmentation (05-3474 2.2.8.4.5): a unicast payload longer than one block goes as numbered blocks that
    /// share one APS counter, each with an extended header (2.2.5.1.8): the first block carries the total number of
    /// blocks, the others their block number. Blocks go a window (apsMaxWindowSize) at a time, apsInterframeDelay
    /// apart; the receiver acknowledges a window once it holds all its blocks, with an acknowledgement whose block
    /// number is the window's first block and whose ack bitfield marks the blocks received (2.2.8.4.5.2). The sender
    /// resends the unacknowledged blocks of a window after apsAckWaitDuration, up to apsMaxFrameRetries times. Each
    /// block is secured on its own (APS link-key security when the frame needs it), and secured again, with a fresh
    /// frame counter, each time it is sent (see <see cref="BlockFrame"/>). The receiver reassembles, hands the whole
    /// payload up once, and discards a transfer that stalls for the reassembly timeout.
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        /// <summary>At most 255 blocks: the first block's block number field holds the count.</summary>
        private const int MaxBlocks = 255;

        private readonly Dictionary<(ushort Destination, byte Counter), OutgoingTransfer> _outgoingTransfers = new Dictionary<(ushort, byte), OutgoingTransfer>();
        private readonly Dictionary<(ushort Source, byte Counter), IncomingTransfer> _incomingTransfers = new Dictionary<(ushort, byte), IncomingTransfer>();

        private sealed class OutgoingTransfer
        {
            public OutgoingTransfer(NwkAddress destination, byte counter, ApsHeader[] headers, byte[] payload, int blockSize, Types.ZigbeeKey? linkKey,
                int window, Action<ApsDeliveryStatus>? completed)
            {
                Destination = destination;
                Counter = counter;
                Headers = headers;
                Payload = payload;
                BlockSize = blockSize;
                LinkKey = linkKey;
                Acked = new bool[headers.Length];
                Window = window;
                Completed = completed;
            }

            public NwkAddress Destination { get; }

            public byte Counter { get; }

            /// <summary>Each block's APS header (extended header with its block number).</summary>
            public ApsHeader[] Headers { get; }

            public byte[] Payload { get; }

            public int BlockSize { get; }

            /// <summary>The link key the blocks are secured with, or null for NWK security only.</summary>
            public Types.ZigbeeKey? LinkKey { get; }

            /// <summary>Number of blocks.</summary>
            public int Count => Headers.Length;

            public ReadOnlySpan<byte> Part(int i) => Payload.AsSpan(i * BlockSize, Math.Min(BlockSize, Payload.Length - (i * BlockSize)));

            public bool[] Acked { get; }

            public int Window { get; }

            public int WindowStart { get; set; }

            public int Retries { get; set; }

            public IScheduledItem? Timer { get; set; }

            public Action<ApsDeliveryStatus>? Completed { get; }

            public int WindowEnd => Math.Min(WindowStart + Window, Count);
        }

        private sealed class IncomingTransfer
        {
            public IncomingTransfer(ApsHeader header) => Header = header;

            /// <summary>The header of the block that opened the transfer (endpoints, cluster, profile).</summary>
            public ApsHeader Header { get; }

            /// <summary>The number of blocks, once the first block arrived; 0 before.</summary>
            public int Total { get; set; }

            public byte[]?[] Blocks { get; } = new byte[]?[MaxBlocks];

            public int WindowStart { get; set; }

            public bool Secured { get; set; }

            public IScheduledItem? Timer { get; set; }
        }

        /// <summary>Splits <paramref name="payload"/> into blocks, secures each, and starts the first window.</summary>
        private void SendFragmented(NwkAddress destination, ApsHeader header, byte[] payload, Types.ZigbeeKey? linkKey, Action<ApsDeliveryStatus>? completed)
        {
            int size = StackOptions.FragmentBlockSize;
            int count = (payload.Length + size - 1) / size;
            if (count > MaxBlocks)
            {
                Drop("ApsFrameTooLong");
                completed?.Invoke(ApsDeliveryStatus.NotSent);
                return;
            }

            Counters.ApsFragmentedSent++;

            var headers = new ApsHeader[count];
            for (int i = 0; i < count; i++)
            {
                headers[i] = header with
                {
                    ExtendedHeaderPresent = true,
                    Fragmentation = i == 0 ? ApsFragmentation.FirstFragment : ApsFragmentation.PartOfFragmentedFrame,
                    BlockNumber = (byte)(i == 0 ? count : i),
                };
            }

            var transfer = new OutgoingTransfer(destination, header.Counter.GetValueOrDefault(), headers, payload, size, linkKey, StackOptions.MaxWindowSize, completed);
            var key = (destination.Value, transfer.Counter);
            if (_outgoingTransfers.TryGetValue(key, out OutgoingTransfer? old))
            {
                old.Timer?.Cancel();
            }

            _outgoingTransfers[key] = transfer;
            SendWindow(transfer);
        }

        private void SendWindow(OutgoingTransfer t)
        {
            TimeSpan delay = TimeSpan.Zero;
            for (int i = t.WindowStart; i < t.WindowEnd; i++)
            {
                if (t.Acked[i])
                {
                    continue;
                }

                int block = i;
                if (delay == TimeSpan.Zero)
                {
                    NwkSend(t.Destination, NwkFrameType.Data, BlockFrame(t, block));
                }
                else
                {
                    _scheduler.Schedule(delay, () =>
                    {
                        if (!_disposed && _outgoingTransfers.TryGetValue((t.Destination.Value, t.Counter), out OutgoingTransfer? current) && current == t &&
                            !t.Acked[block])
                        {
                            NwkSend(t.Destination, NwkFrameType.Data, BlockFrame(t, block));
                        }
                    });
                }

                delay += StackOptions.InterframeDelay;
            }

            t.Timer?.Cancel();
            t.Timer = _scheduler.Schedule(AckWaitWithJitter() + delay, () =>
            {
                var key = (t.Destination.Value, t.Counter);
                if (_disposed || !_outgoingTransfers.TryGetValue(key, out OutgoingTransfer? current) || current != t)
                {
                    return;
                }

                if (t.Retries < StackOptions.MaxFrameRetries)
                {
                    t.Retries++;
                    Counters.ApsRetries++;
                    SendWindow(t);
                    return;
                }

                _outgoingTransfers.Remove(key);
                Counters.ApsAckTimeouts++;
                Drop("ApsNoAck");
                t.Completed?.Invoke(ApsDeliveryStatus.NoAck);
            });
        }

        /// <summary>
        /// Block <paramref name="i"/> of <paramref name="t"/> as it goes on the air now: secured afresh, with the next
        /// outgoing frame counter, on every transmission (05-3474 4.4.1.1: each frame secured takes the next frame
        /// counter). A resent block that kept the counter of its first copy fails the receiver's freshness check
        /// (4.4.1.2: a frame counter not above the last one accepted from that sender is refused) whenever anything
        /// later from the sender got through first - the block's own acknowledgement lost (the counter equals the last
        /// accepted) or, with a window above 1, a later block of the window arrived while this one was lost (the counter
        /// is below it) - so it is dropped before the receiver can acknowledge it again, every retry fails alike, and
        /// the transfer ends in ApsNoAck. With a fresh counter the retry is accepted and acknowledged (2.2.8.4.5.2).
        /// </summary>
        private byte[] BlockFrame(OutgoingTransfer t, int i) =>
            t.LinkKey is null ? new ApsFrame(t.Headers[i], t.Part(i)).ToArray() : SecureApsData(t.Headers[i], t.Part(i), t.LinkKey);

        /// <summary>
        /// 2.2.8.4.5.2 at the sender: marks the acknowledged blocks; a complete window moves on to the next. The ack
        /// bitfield (2.2.5.1.8) spans the 8 blocks from the acknowledgement's block number, but only the bits of the
        /// window that starts there say anything: the receiver sets the bits past the window (and past the last block)
        /// to one. So only blocks inside the window, and not past the sender's current window, count as acknowledged;
        /// reading all 8 bits took an acknowledgement of block 0 with a window of 1 - the receiver's answer to a
        /// repeated block whose first acknowledgement was lost, bitfield 0xFF - as one for blocks 1 to 7 as well, and
        /// the next window was then never sent.
        /// </summary>
        private void OnFragmentAck(NwkHeader nwk, ApsHeader header)
        {
            var key = (nwk.SourceAddress.Value, header.Counter.GetValueOrDefault());
            if (!_outgoingTransfers.TryGetValue(key, out OutgoingTransfer? t))
            {
                return;
            }

            int first = header.BlockNumber.GetValueOrDefault();
            byte bits = header.AckBitfield.GetValueOrDefault();
            for (int j = 0; j < t.Window && first + j < t.WindowEnd; j++)
            {
                if ((bits & (1 << j)) != 0)
                {
                    t.Acked[first + j] = true;
                }
            }

            for (int i = t.WindowStart; i < t.WindowEnd; i++)
            {
                if (!t.Acked[i])
                {
                    return;
                }
            }

            t.WindowStart = t.WindowEnd;
            t.Retries = 0;
            if (t.WindowStart < t.Count)
            {
                SendWindow(t);
                return;
            }

            t.Timer?.Cancel();
            _outgoingTransfers.Remove(key);
            Counters.ApsAcked++;
            t.Completed?.Invoke(ApsDeliveryStatus.Success);
        }

        /// <summary>2.2.8.4.5.2 at the receiver: one block in, a window acknowledged when whole, the payload delivered once complete.</summary>
        private void OnFragment(NwkHeader nwk, ApsHeader header, byte[] aps, int headerLength, byte lqi)
        {
            ushort source = nwk.SourceAddress.Value;
            byte counter = header.Counter.GetValueOrDefault();
            int window = StackOptions.MaxWindowSize;
            bool first = header.Fragmentation == ApsFragmentation.FirstFragment;
            int index = first ? 0 : header.BlockNumber.GetValueOrDefault();
            if (header.DeliveryMode != ApsDeliveryMode.Unicast || (first && header.BlockNumber.GetValueOrDefault() == 0) || index >= MaxBlocks)
            {
                Drop("ApsFragmentMalformed");
                return;
            }

            if (IsDuplicate(source, counter))
            {
                // The whole frame was delivered; the sender missed the last acknowledgement.
                SendFragmentAck(nwk, header, index - (index % window), 0xFF);
                Counters.ApsDuplicates++;
                Drop("ApsDuplicate");
                return;
            }

            byte[]? body;
            if (header.Security)
            {
                body = UnsecureApsData(nwk, aps, headerLength);
                if (body is null)
                {
                    return;
                }
            }
            else if (RequiresApsSecurity(header.ProfileId.GetValueOrDefault(), header.ClusterId.GetValueOrDefault()) && IsTrustCenterPartner(source))
            {
                Counters.SecurityFailures++;
                Drop("ApsSecurityRequired");
                return;
            }
            else
            {
                body = aps.AsSpan(headerLength).ToArray();
            }

            var key = (source, counter);
            if (!_incomingTransfers.TryGetValue(key, out IncomingTransfer? t))
            {
                t = new IncomingTransfer(header with { Security = header.Security });
                _incomingTransfers[key] = t;
            }

            t.Secured |= header.Security;
            if (first)
            {
                t.Total = header.BlockNumber.GetValueOrDefault();
            }

            if (t.Total != 0 && index >= t.Total)
            {
                Drop("ApsFragmentMalformed");
                return;
            }

            if (index < t.WindowStart)
            {
                // A block of a window already acknowledged: that acknowledgement was lost.
                SendFragmentAck(nwk, header, index - (index % window), 0xFF);
                return;
            }

            t.Blocks[index] = body;
            t.Timer?.Cancel();
            t.Timer = _scheduler.Schedule(StackOptions.ReassemblyTimeout, () =>
            {
                if (_incomingTransfers.TryGetValue(key, out IncomingTransfer? current) && current == t)
                {
                    _incomingTransfers.Remove(key);
                    Drop("ApsReassemblyTimeout");
                }
            });

            if (t.Total == 0)
            {
                return;
            }

            int end = Math.Min(t.WindowStart + window, t.Total);
            byte bits = 0;
            for (int i = t.WindowStart; i < t.WindowStart + 8; i++)
            {
                if (i >= t.Total || t.Blocks[i] is not null)
                {
                    bits |= (byte)(1 << (i - t.WindowStart));
                }
            }

            for (int i = t.WindowStart; i < end; i++)
            {
                if (t.Blocks[i] is null)
                {
                    return;
                }
            }

            SendFragmentAck(nwk, header, t.WindowStart, bits);
            t.WindowStart = end;
            if (end < t.Total)
            {
                return;
            }

            t.Timer?.Cancel();
            _incomingTransfers.Remove(key);
            int length = 0;
            for (int i = 0; i < t.Total; i++)
            {
                length += t.Blocks[i]!.Length;
            }

            byte[] whole = new byte[length];
            int at = 0;
            for (int i = 0; i < t.Total; i++)
            {
                t.Blocks[i]!.CopyTo(whole, at);
                at += t.Blocks[i]!.Length;
            }

            RememberDelivered(source, counter);
            Counters.ApsFragmentedReceived++;
            DeliverData(nwk, t.Header with { ExtendedHeaderPresent = false, Fragmentation = ApsFragmentation.NotFragmented, BlockNumber = null }, whole, lqi, t.Secured);
        }

        private void SendFragmentAck(NwkHeader nwk, ApsHeader header, int firstBlock, byte bits)
        {
            var ack = new ApsHeader
            {
                FrameType = ApsFrameType.Ack,
                DeliveryMode = ApsDeliveryMode.Unicast,
                DestinationEndpoint = header.SourceEndpoint,
                ClusterId = header.ClusterId,
                ProfileId = header.ProfileId,
                SourceEndpoint = header.DestinationEndpoint,
                Counter = header.Counter.GetValueOrDefault(),
                ExtendedHeaderPresent = true,
                Fragmentation = firstBlock == 0 ? ApsFragmentation.FirstFragment : ApsFragmentation.PartOfFragmentedFrame,
                BlockNumber = (byte)firstBlock,
                AckBitfield = bits,
            };
            NwkSend(nwk.SourceAddress, NwkFrameType.Data, ack.ToArray());
        }
    }
}
