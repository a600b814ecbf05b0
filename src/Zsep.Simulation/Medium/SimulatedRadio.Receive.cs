using System;
using Zsep.Stack.Mac;
using Zsep.Stack.Radio;
using Zsep.Stack.Runtime;

namespace Zsep.Simulation.Medium
{
    /// <summary>
    /// Reception: the loss draw, third-level filtering (IEEE 802.15.4-2006 7.5.6.2), the automatic acknowledgement
    /// (7.5.6.4: after aTurnaroundTime, same sequence number, frame pending from the source-match table for a data
    /// request) and delivery of the PSDU without FCS.
    /// </summary>
    public sealed partial class SimulatedRadio
    {
        private readonly Action _onSendAck;
        private IScheduledItem? _ackItem;
        private byte _ackSequence;
        private bool _ackFramePending;
        private byte _ackChannel;

        /// <summary>A frame this radio was receiving has ended; <paramref name="state"/> says whether it survived the air.</summary>
        internal void CompleteReception(Transmission t, double rssiDbm, ReceptionState state)
        {
            if (state == ReceptionState.Aborted || Offline || _configuration.Channel != t.Channel)
            {
                return;
            }

            if (state == ReceptionState.Collided)
            {
                Counters.Collisions++;
                return;
            }

            FrameHeader header = t.Header;
            bool promiscuous = _configuration.Promiscuous;
            if (t.IsAck)
            {
                // Acks carry no addresses: the one waiting for this sequence number takes it. Only a promiscuous radio hands acks up.
                bool mine = IsWaitingForAck(header.Sequence);
                if ((mine || promiscuous) && SurvivesLoss(rssiDbm))
                {
                    if (mine)
                    {
                        TryTakeAck(header.Sequence, header.FramePending);
                    }

                    if (promiscuous)
                    {
                        Deliver(t, rssiDbm);
                    }
                }

                return;
            }

            bool accepted = Accept(header, out bool addressedToMe);
            if (!accepted && !promiscuous)
            {
                Counters.DroppedByFilter++;
                return;
            }

            if (!SurvivesLoss(rssiDbm))
            {
                return;
            }

            if (addressedToMe && header.AckRequest && !IsTransmitting)
            {
                ScheduleAck(t.Channel, header.Sequence, header.IsDataRequest && _sourceMatch.Contains(header.Source));
            }

            Deliver(t, rssiDbm);
        }

        /// <summary>
        /// Third-level filtering, IEEE 802.15.4-2006 7.5.6.2: a beacon's source PAN must be macPANId unless that is
        /// 0xFFFF (scanning); a destination PAN must be 0xFFFF or macPANId; a short destination must be 0xFFFF or
        /// macShortAddress, an extended one aExtendedAddress; a data or command frame with only a source address is
        /// taken by the PAN coordinator when its source PAN is macPANId. Frames that do not decode are rejected.
        /// </summary>
        private bool Accept(in FrameHeader header, out bool addressedToMe)
        {
            addressedToMe = false;
            if (!header.Valid)
            {
                return false;
            }

            ushort pan = _configuration.PanId.Value;
            switch (header.Type)
            {
                case MacFrameType.Beacon:
                    return pan == 0xFFFF || (header.SourcePan.HasValue && header.SourcePan.Value.Value == pan);
                case MacFrameType.Data:
                case MacFrameType.Command:
                    break;
                default:
                    return false;
            }

            MacAddress dst = header.Destination;
            if (dst.Mode == MacAddressingMode.None)
            {
                addressedToMe = _configuration.PanCoordinator && header.SourcePan.HasValue && header.SourcePan.Value.Value == pan;
                return addressedToMe;
            }

            if (header.DestinationPan.HasValue)
            {
                ushort dstPan = header.DestinationPan.Value.Value;
                if (dstPan != 0xFFFF && dstPan != pan)
                {
                    return false;
                }
            }

            if (dst.Mode == MacAddressingMode.Short)
            {
                if (dst.ShortAddress == 0xFFFF)
                {
                    return true;
                }

                addressedToMe = dst.ShortAddress == _configuration.ShortAddress && dst.ShortAddress < 0xFFFE;
                return addressedToMe;
            }

            addressedToMe = dst.Mode == MacAddressingMode.Extended && dst.ExtendedAddress == ExtendedAddress;
            return addressedToMe;
        }

        private bool SurvivesLoss(double rssiDbm)
        {
            double p = Medium.Propagation.SuccessProbability(rssiDbm - Medium.Options.SensitivityDbm);
            if (p >= 1.0 || Medium.Scheduler.Random.NextDouble() < p)
            {
                return true;
            }

            Counters.DroppedByLoss++;
            return false;
        }

        private void Deliver(Transmission t, double rssiDbm)
        {
            // Every receiver of one transmission is handed the same PSDU array (receivers only read it).
            byte[]? psdu = t.Delivered;
            if (psdu is null)
            {
                psdu = new byte[t.Psdu.Length - MacFcs.Length];
                Buffer.BlockCopy(t.Psdu, 0, psdu, 0, psdu.Length);
                t.Delivered = psdu;
            }

            Counters.FramesReceived++;
            FrameReceived?.Invoke(new RadioFrame(psdu, t.Channel, Propagation.ToReportedRssi(rssiDbm), Medium.Propagation.Lqi(rssiDbm), t.Start));
        }

        private void ScheduleAck(byte channel, byte sequence, bool framePending)
        {
            _ackItem?.Cancel();
            _ackChannel = channel;
            _ackSequence = sequence;
            _ackFramePending = framePending;
            _ackItem = Medium.Scheduler.Schedule(PhyTiming.Turnaround, _onSendAck);
        }

        /// <summary>The immediate acknowledgement (7.2.2.3): Frame Control (type 2, frame pending), sequence number, FCS.</summary>
        private void SendAck()
        {
            _ackItem = null;
            if (Offline || SendingFrame != null || SendingAck != null)
            {
                return;
            }

            var psdu = new byte[5];
            psdu[0] = (byte)((int)MacFrameType.Acknowledgment | (_ackFramePending ? 0x10 : 0));
            psdu[1] = 0;
            psdu[2] = _ackSequence;
            MacFcs.Write(psdu.AsSpan(0, 3), psdu.AsSpan(3));
            Counters.AcksSent++;
            SendingAck = Medium.StartTransmission(this, _ackChannel, psdu, FrameHeader.Ack(_ackSequence, _ackFramePending), isAck: true);
        }
    }
}
