using System;
using System.Collections.Generic;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>
    /// MAC part of <see cref="ZigbeeNode"/> (IEEE 802.15.4-2006 7.5): one transmission at a time through the radio
    /// (which does CSMA-CA, acks and retries), data and command frames, beacons, and the indirect queue a parent
    /// keeps for its rx-off-when-idle children (7.5.6.3, macTransactionPersistenceTime).
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        private readonly Queue<PendingTx> _txQueue = new Queue<PendingTx>();
        private readonly List<IndirectItem> _indirect = new List<IndirectItem>();
        private bool _txBusy;
        private PendingTx? _txInFlight;
        private Action<RadioTransmitResult>? _onTxDone;
        private byte _macSequence;

        private sealed class PendingTx
        {
            public PendingTx(byte[] psdu, Action<RadioTransmitResult>? done)
            {
                Psdu = psdu;
                Done = done;
            }

            public byte[] Psdu { get; }

            public Action<RadioTransmitResult>? Done { get; }
        }

        private sealed class IndirectItem
        {
            public IndirectItem(MacAddress destination, Func<bool, MacFrame> build, Action<bool>? done)
            {
                Destination = destination;
                Build = build;
                Done = done;
            }

            public MacAddress Destination { get; }

            /// <summary>Builds the frame, given whether more frames stay pending after it (the Frame Pending bit).</summary>
            public Func<bool, MacFrame> Build { get; }

            public Action<bool>? Done { get; }

            public IScheduledItem? Expiry { get; set; }
        }

        /// <summary>aMaxPHYPacketSize (127) less the 2-octet FCS: the longest PSDU a radio takes (IEEE 802.15.4-2006 6.4.1).</summary>
        internal const int MaxPsduWithoutFcs = 125;

        /// <summary>
        /// The longest NWK frame (MAC payload) in a data frame with PAN ID compression and short addresses
        /// (9-octet MAC header): 116 octets.
        /// </summary>
        internal const int MaxNwkFrameLength = MaxPsduWithoutFcs - 9;

        private byte NextMacSequence() => ++_macSequence;

        private void MacSend(MacFrame frame, Action<RadioTransmitResult>? done = null) => MacSend(frame.ToArray(), done);

        /// <summary>Queues an encoded PSDU (without FCS) for the radio.</summary>
        private void MacSend(byte[] psdu, Action<RadioTransmitResult>? done = null)
        {
            if (psdu.Length > MaxPsduWithoutFcs)
            {
                // MLME/MCPS status FRAME_TOO_LONG (IEEE 802.15.4-2006 7.1.1.1.3): never handed to the radio.
                Drop("MacFrameTooLong");
                if (done != null)
                {
                    _scheduler.Post(() => done(new RadioTransmitResult(RadioTransmitStatus.Aborted)));
                }

                return;
            }

            _txQueue.Enqueue(new PendingTx(psdu, done));
            PumpTx();
        }

        private void PumpTx()
        {
            if (_txBusy || _txQueue.Count == 0 || _disposed)
            {
                return;
            }

            PendingTx tx = _txQueue.Dequeue();
            _txBusy = true;
            _txInFlight = tx;
            Counters.MacTx++;
            _radio.Transmit(tx.Psdu, RadioTransmitOptions.Default, _onTxDone ??= OnTxDone);
        }

        /// <summary>The radio finished the frame in flight (one at a time, so one delegate serves them all).</summary>
        private void OnTxDone(RadioTransmitResult result)
        {
            PendingTx? tx = _txInFlight;
            _txInFlight = null;
            _txBusy = false;
            if (result.Status == RadioTransmitStatus.NoAck)
            {
                Counters.MacNoAck++;
            }
            else if (result.Status == RadioTransmitStatus.ChannelAccessFailure)
            {
                Counters.MacChannelAccessFailures++;
            }

            tx?.Done?.Invoke(result);
            PumpTx();
        }

        /// <summary>
        /// The PSDU of <see cref="MacDataFrame"/> written directly (no frame object, one copy of the payload): Frame
        /// Control (data, frame pending, ack request for unicast, PAN ID compression, short destination and source,
        /// version 0, IEEE 802.15.4-2006 7.2.1.1), sequence number, destination PAN, destination, source.
        /// </summary>
        private byte[] MacDataPsdu(ushort destination, byte[] payload, bool framePending = false) =>
            WriteMacDataPsdu(NextMacSequence(), _panId, _nwkAddress, destination, payload, framePending);

        internal static byte[] WriteMacDataPsdu(byte sequence, PanId pan, ushort source, ushort destination, byte[] payload, bool framePending)
        {
            var psdu = new byte[MacShortHeaderLength + payload.Length];
            int fc = MacTypeData | (framePending ? 0x0010 : 0) | (destination != 0xFFFF ? 0x0020 : 0) | MacFcPanIdCompression |
                     (MacModeShort << 10) | (MacModeShort << 14);
            psdu[0] = (byte)fc;
            psdu[1] = (byte)(fc >> 8);
            psdu[2] = sequence;
            psdu[3] = (byte)pan.Value;
            psdu[4] = (byte)(pan.Value >> 8);
            psdu[5] = (byte)destination;
            psdu[6] = (byte)(destination >> 8);
            psdu[7] = (byte)source;
            psdu[8] = (byte)(source >> 8);
            Buffer.BlockCopy(payload, 0, psdu, MacShortHeaderLength, payload.Length);
            return psdu;
        }

        /// <summary>A data frame in this PAN from our short address (PAN ID compression, ack requested for unicast).</summary>
        private MacFrame MacDataFrame(ushort destination, byte[] payload, bool framePending = false) => new MacFrame
        {
            FrameType = MacFrameType.Data,
            AckRequest = destination != 0xFFFF,
            FramePending = framePending,
            PanIdCompression = true,
            SequenceNumber = NextMacSequence(),
            DestinationPanId = _panId,
            DestinationAddress = MacAddress.FromShort(destination),
            SourceAddress = MacAddress.FromShort(_nwkAddress),
            Payload = payload,
        };

        private void OnRadioFrame(RadioFrame radioFrame)
        {
            if (_disposed)
            {
                return;
            }

            Counters.MacRx++;
            byte[] psdu = radioFrame.Psdu;
            if (IsShortAddressedDataFrame(psdu, out ushort macSource))
            {
                // Most frames (NWK data and commands between neighbors): no MAC frame object, no payload copy.
                var nwk = new ReadOnlySpan<byte>(psdu, MacShortHeaderLength, psdu.Length - MacShortHeaderLength);
                if (!TryNoteDuplicateBroadcast(nwk, macSource))
                {
                    OnMacData(nwk, MacAddress.FromShort(macSource), radioFrame.Lqi);
                }

                return;
            }

            if (!MacFrame.TryDecode(radioFrame.Psdu, false, out MacFrame? frame, out _) || frame is null)
            {
                Drop("MacMalformed");
                return;
            }

            switch (frame.FrameType)
            {
                case MacFrameType.Beacon:
                    OnBeacon(frame, radioFrame.Lqi);
                    break;
                case MacFrameType.Command:
                    OnMacCommand(frame, radioFrame.Lqi);
                    break;
                case MacFrameType.Data:
                    OnMacData(frame.Payload, frame.SourceAddress, radioFrame.Lqi);
                    break;
            }
        }

        private void OnMacCommand(MacFrame frame, byte lqi)
        {
            switch (frame.Command)
            {
                case MacBeaconRequest _:
                    OnBeaconRequest();
                    break;
                case MacAssociationRequest request when frame.SourceAddress.Mode == MacAddressingMode.Extended:
                    OnAssociationRequest(frame.SourceAddress.ExtendedAddress, request.CapabilityInformation);
                    break;
                case MacAssociationResponse response:
                    OnAssociationResponse(response);
                    break;
                case MacDataRequest _:
                    OnDataRequest(frame.SourceAddress);
                    break;
                case MacDisassociationNotification _:
                    OnDisassociationNotification(frame);
                    break;
                default:
                    break;
            }

            if (frame.SourceAddress.Mode == MacAddressingMode.Short)
            {
                TouchNeighbor(frame.SourceAddress.ShortAddress, lqi);
            }
        }

        /// <summary>Queues a frame for an rx-off child until it polls (IEEE 802.15.4-2006 7.5.6.3).</summary>
        private void EnqueueIndirect(MacAddress destination, Func<bool, MacFrame> build, Action<bool>? done)
        {
            var item = new IndirectItem(destination, build, done);
            item.Expiry = _scheduler.Schedule(_options.IndirectTransactionTimeout, () =>
            {
                if (_indirect.Remove(item))
                {
                    Counters.MacIndirectExpired++;
                    Drop("IndirectTransactionExpired");
                    UpdateFramePending(destination);
                    item.Done?.Invoke(false);
                }
            });
            _indirect.Add(item);
            Counters.MacIndirectQueued++;
            _radio.SetFramePending(destination, true);
        }

        private void UpdateFramePending(MacAddress destination) =>
            _radio.SetFramePending(destination, _indirect.Exists(i => i.Destination == destination));

        /// <summary>A MAC data request from a child: send it its oldest pending frame (7.5.6.3).</summary>
        private void OnDataRequest(MacAddress source)
        {
            int index = _indirect.FindIndex(i => i.Destination == source);
            if (source.Mode == MacAddressingMode.Short && _children.TryGetValue(source.ShortAddress, out Child? child))
            {
                child.LastPoll = _scheduler.Now;
            }

            if (index < 0)
            {
                return;
            }

            IndirectItem item = _indirect[index];
            _indirect.RemoveAt(index);
            item.Expiry?.Cancel();
            bool more = _indirect.Exists(i => i.Destination == source);
            UpdateFramePending(source);
            MacSend(item.Build(more), result => item.Done?.Invoke(result.Status == RadioTransmitStatus.Success));
        }

        private void DropIndirectFor(MacAddress destination)
        {
            foreach (IndirectItem item in _indirect.FindAll(i => i.Destination == destination))
            {
                _indirect.Remove(item);
                item.Expiry?.Cancel();
            }

            _radio.SetFramePending(destination, false);
        }
    }
}
