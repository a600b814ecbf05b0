using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Aps;
using Zsep.Stack.Mac;
using Zsep.Stack.Node;
using Zsep.Stack.Nwk;
using Zsep.Stack.Security;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Stack.Tests.Node
{
    /// <summary>APS acks, retries and duplicate rejection (05-3474 2.2.8.4); NWK frame security and counters (4.3.1).</summary>
    public class ApsSecurityTests
    {
        private static (NodeTestHarness H, ZigbeeNode Router, TestRadio Radio) OneRouter(Func<ZigbeeNodeOptions, ZigbeeNodeOptions>? tune = null)
        {
            var h = new NodeTestHarness(tune: tune);
            h.PermitJoin();
            var (router, radio) = h.AddRegistered(0x10, 10, 0, NodeRole.Router);
            Assert.True(h.Join(router));
            h.Scheduler.RunFor(TimeSpan.FromSeconds(1));
            return (h, router, radio);
        }

        private static List<ApsDataIndicationEventArgs> Capture(ZigbeeNode node)
        {
            var list = new List<ApsDataIndicationEventArgs>();
            node.DataReceived += (_, e) =>
            {
                if (e.ClusterId == 0x0702)
                {
                    list.Add(e);
                }
            };
            return list;
        }

        private static ApsDeliveryStatus? Send(NodeTestHarness h, ZigbeeNode from, NwkAddress to)
        {
            ApsDeliveryStatus? status = null;
            from.SendData(to, 1, 0x0702, 0x0109, 1, new byte[] { 0x5A }, s => status = s);
            h.Scheduler.RunUntil(() => status.HasValue, TimeSpan.FromSeconds(30));
            return status;
        }

        /// <summary>The secured NWK data frames delivered to <paramref name="radio"/> that carry an APS data frame of cluster 0x0702.</summary>
        private static List<(byte[] Psdu, MacFrame Mac, NwkHeader Nwk, byte[] Plain, AuxiliarySecurityHeader Aux)> DataFrames(TestRadio radio)
        {
            var result = new List<(byte[], MacFrame, NwkHeader, byte[], AuxiliarySecurityHeader)>();
            foreach (byte[] psdu in radio.Received)
            {
                MacFrame mac = MacFrame.Decode(psdu, false);
                if (mac.FrameType != MacFrameType.Data || !NwkHeader.TryDecode(mac.Payload, out NwkHeader? nwk, out _) || !nwk!.Security)
                {
                    continue;
                }

                byte[] plain = new byte[mac.Payload.Length];
                if (ZigbeeSecurity.Unsecure(mac.Payload, nwk.HeaderLength, NodeTestHarness.NetworkKey, null, plain, out var aux, out int n) != SecurityOutcome.Decrypted)
                {
                    continue;
                }

                byte[] aps = plain.AsSpan(0, n).ToArray();
                if (nwk.FrameType == NwkFrameType.Data && ApsHeader.TryDecode(aps, out ApsHeader? header, out _) &&
                    header!.FrameType == ApsFrameType.Data && header.ClusterId == 0x0702)
                {
                    result.Add((psdu, mac, nwk, aps, aux));
                }
            }

            return result;
        }

        private static byte[] Resecure(MacFrame mac, NwkHeader nwk, byte[] plain, AuxiliarySecurityHeader aux, uint frameCounter)
        {
            var newAux = new AuxiliarySecurityHeader(SecurityLevel.EncMic32, KeyIdentifier.Network, frameCounter, aux.SourceAddress, aux.KeySequenceNumber);
            byte[] header = mac.Payload.AsSpan(0, nwk.HeaderLength).ToArray();
            byte[] secured = new byte[ZigbeeSecurity.SecuredLength(header.Length, newAux, plain.Length)];
            ZigbeeSecurity.Secure(header, newAux, plain, NodeTestHarness.NetworkKey, null, secured);
            return new MacFrame
            {
                FrameType = mac.FrameType,
                AckRequest = mac.AckRequest,
                PanIdCompression = mac.PanIdCompression,
                SequenceNumber = (byte)(mac.SequenceNumber.GetValueOrDefault() + 1),
                DestinationPanId = mac.DestinationPanId,
                DestinationAddress = mac.DestinationAddress,
                SourceAddress = mac.SourceAddress,
                Payload = secured,
            }.ToArray();
        }

        [Fact]
        public void NwkIncomingFrameCounter_ReplayedFrameIsDroppedAndCounted()
        {
            var (h, router, radio) = OneRouter();
            var received = Capture(router);
            Assert.Equal(ApsDeliveryStatus.Success, Send(h, h.Coordinator, router.NwkAddress));
            var frame = DataFrames(radio).Last();

            radio.Inject(frame.Psdu);

            Assert.Single(received);
            Assert.Equal(1, router.Counters.NwkReplaysDropped);
            Assert.True(router.IncomingFrameCounters[h.Coordinator.Ieee] >= frame.Aux.FrameCounter);
        }

        [Fact]
        public void ApsDuplicateRejection_RetransmissionWithNewNwkCounterIsRejected()
        {
            var (h, router, radio) = OneRouter();
            var received = Capture(router);
            Assert.Equal(ApsDeliveryStatus.Success, Send(h, h.Coordinator, router.NwkAddress));
            var f = DataFrames(radio).Last();
            long acksBefore = router.Counters.NwkTx;

            radio.Inject(Resecure(f.Mac, f.Nwk, f.Plain, f.Aux, f.Aux.FrameCounter + 100));
            h.Scheduler.RunFor(TimeSpan.FromSeconds(1));

            Assert.Single(received);
            Assert.Equal(1, router.Counters.ApsDuplicates);
            Assert.Equal(0, router.Counters.NwkReplaysDropped);
            Assert.True(router.Counters.NwkTx > acksBefore); // the duplicate is acknowledged again

            // Past apsDuplicateRejectionTimeout the APS counter is new again, but this SE frame is APS-secured with the
            // link key and its APS frame counter is not fresh (05-3474 4.4.1.2): still dropped.
            h.Scheduler.RunFor(TimeSpan.FromSeconds(11));
            long failures = router.Counters.SecurityFailures;
            radio.Inject(Resecure(f.Mac, f.Nwk, f.Plain, f.Aux, f.Aux.FrameCounter + 200));
            Assert.Single(received);
            Assert.Equal(failures + 1, router.Counters.SecurityFailures);
        }

        [Fact]
        public void ApsAck_DestinationGone_RetriesApsMaxFrameRetriesThenNoAck()
        {
            var (h, router, radio) = OneRouter();
            radio.Offline = true;
            long noAcks = h.Coordinator.Counters.MacNoAck;

            Assert.Equal(ApsDeliveryStatus.NoAck, Send(h, h.Coordinator, router.NwkAddress));

            Assert.Equal(3, h.Coordinator.Counters.ApsRetries);
            Assert.Equal(1, h.Coordinator.Counters.ApsAckTimeouts);
            Assert.True(h.Coordinator.Counters.MacNoAck >= noAcks + 4);
            Assert.True(h.Coordinator.Counters.NwkRouteFailures >= 1);
        }

        [Fact]
        public void OutgoingFrameCounter_ComesFromTheInjectedSource()
        {
            var (h, router, radio) = OneRouter(o =>
            {
                uint next = 70000;
                return o with { NextOutgoingFrameCounter = () => next++ };
            });
            Assert.Equal(ApsDeliveryStatus.Success, Send(h, h.Coordinator, router.NwkAddress));
            Assert.Equal(ApsDeliveryStatus.Success, Send(h, h.Coordinator, router.NwkAddress));

            uint[] counters = DataFrames(radio).Select(f => f.Aux.FrameCounter).ToArray();
            Assert.Equal(2, counters.Length);
            Assert.All(counters, c => Assert.True(c >= 70000));
            Assert.True(counters[1] > counters[0]);
        }

        [Fact]
        public void UnsecuredNwkFrame_AfterJoin_IsDropped()
        {
            var (h, router, radio) = OneRouter();
            var received = Capture(router);
            var aps = new ApsFrame(new ApsHeader
            {
                FrameType = ApsFrameType.Data,
                DestinationEndpoint = 1,
                ClusterId = 0x0702,
                ProfileId = 0x0109,
                SourceEndpoint = 1,
                Counter = 99,
            }, new byte[] { 1 }).ToArray();
            var nwk = new NwkHeader { FrameType = NwkFrameType.Data, DestinationAddress = router.NwkAddress, SourceAddress = NwkAddress.Coordinator, Radius = 5, SequenceNumber = 200 };
            byte[] nwkBytes = nwk.ToArray().Concat(aps).ToArray();
            var mac = new MacFrame
            {
                FrameType = MacFrameType.Data,
                AckRequest = true,
                PanIdCompression = true,
                SequenceNumber = 1,
                DestinationPanId = router.PanId,
                DestinationAddress = MacAddress.FromShort(router.NwkAddress.Value),
                SourceAddress = MacAddress.FromShort(0x0000),
                Payload = nwkBytes,
            };

            radio.Inject(mac.ToArray());

            Assert.Empty(received);
            Assert.Equal(1, router.Counters.NwkUnsecuredDropped);
        }

        [Fact]
        public void NwkFrameWithBadMic_FailsSecurityAndIsDropped()
        {
            var (h, router, radio) = OneRouter();
            var received = Capture(router);
            Assert.Equal(ApsDeliveryStatus.Success, Send(h, h.Coordinator, router.NwkAddress));
            var f = DataFrames(radio).Last();
            byte[] psdu = (byte[])f.Psdu.Clone();
            psdu[psdu.Length - 1] ^= 0x01; // the MIC no longer verifies

            radio.Inject(psdu);

            Assert.Single(received);
            Assert.Equal(1, router.Counters.SecurityFailures);
        }
    }
}
