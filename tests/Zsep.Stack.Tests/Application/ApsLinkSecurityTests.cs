using System;
using System.Linq;
using Zsep.Stack.Application;
using Zsep.Stack.Aps;
using Zsep.Stack.Node;
using Zsep.Stack.Security;
using Zsep.Stack.Tests.Node;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Xunit;

namespace Zsep.Stack.Tests.Application
{
    /// <summary>APS link-key security of Smart Energy frames (05-3474 4.4.1; SE 1.4 5.4.6), through the stack on the test medium.</summary>
    public class ApsLinkSecurityTests
    {
        private static readonly ushort[] Three = { 0x0000, 0x0400, 0x0300 };

        [Fact]
        public void SeFrame_IsApsSecuredWithTheLinkKey_AndDoesNotOpenWithTheNetworkKeyAlone()
        {
            var a = new AppHarness(1);
            ZclResponse r = a.Run(done => a.Gateway.ReadAttributes(a.Routers[0].NwkAddress, 1, 0x0702, Three, TimeSpan.FromSeconds(10), done));
            Assert.Equal(ZclTransactionStatus.Success, r.Status);

            // The read as it reached the meter: after NWK decryption, an APS data frame with the security bit set.
            byte[] aps = AppHarness.ApsFrames(a.Radios[0].Received)
                .First(f => ApsHeader.Decode(f).FrameType == ApsFrameType.Data && ApsHeader.Decode(f).ClusterId == 0x0702);
            ApsHeader header = ApsHeader.Decode(aps, out int headerLength);
            Assert.True(header.Security);
            Assert.Equal((ushort)0x0109, header.ProfileId);

            AuxiliarySecurityHeader aux = ZigbeeSecurity.ReadAuxiliaryHeader(aps, headerLength);
            Assert.Equal(KeyIdentifier.Data, aux.KeyIdentifier);
            Assert.Equal(a.H.Coordinator.Ieee, aux.SourceAddress);

            byte[] plain = new byte[aps.Length];
            Assert.NotEqual(SecurityOutcome.Decrypted, ZigbeeSecurity.Unsecure(aps, headerLength, NodeTestHarness.NetworkKey, null, plain, out _, out _));
            ZigbeeKey linkKey = NodeTestHarness.Code(0x10).DeriveLinkKey();
            Assert.Equal(SecurityOutcome.Decrypted, ZigbeeSecurity.Unsecure(aps, headerLength, linkKey, null, plain, out _, out int n));

            ZclFrame zcl = ZclFrame.Decode(0x0702, plain.AsSpan(0, n));
            Assert.Equal(Three, Assert.IsType<ZclReadAttributes>(zcl.Foundation).AttributeIds);
        }

        [Fact]
        public void SeFrameWithNwkSecurityOnly_IsDroppedByTheDevice()
        {
            var a = new AppHarness(1);
            ZigbeeNode meter = a.Routers[0];
            var drops = AppHarness.Drops(meter);
            long received = meter.Counters.ApsReceived;
            byte[] read = ZclFrame.Create(0x0702, new ZclHeader { TransactionSequenceNumber = 5 }, new ZclReadAttributes(Three)).ToArray();
            byte[] aps = new ApsFrame(new ApsHeader
            {
                FrameType = ApsFrameType.Data, DestinationEndpoint = 1, ClusterId = 0x0702, ProfileId = 0x0109, SourceEndpoint = 1, Counter = 200, AckRequest = true,
            }, read).ToArray();

            a.Radios[0].Inject(AppHarness.NwkFrame(a.H.Coordinator, meter, aps, 1_000_000));
            a.H.Scheduler.RunFor(TimeSpan.FromSeconds(2));

            Assert.Contains("ApsSecurityRequired", drops);
            Assert.Equal(received, meter.Counters.ApsReceived);
        }

        [Fact]
        public void SeFrameWithNwkSecurityOnly_IsDroppedByTheTrustCenter()
        {
            var a = new AppHarness(1);
            ZigbeeNode meter = a.Routers[0];
            var drops = AppHarness.Drops(a.H.Coordinator);
            int reports = 0;
            a.Gateway.ReportReceived += (_, _) => reports++;
            byte[] report = ZclFrame.Create(0x0702, new ZclHeader { Direction = ZclDirection.ServerToClient, TransactionSequenceNumber = 6 },
                new ZclReportAttributes(new[] { new ZclAttributeValueRecord(0x0000, ZclValue.Create(ZclDataType.UInt48, 5UL)) })).ToArray();
            byte[] aps = new ApsFrame(new ApsHeader
            {
                FrameType = ApsFrameType.Data, DestinationEndpoint = 1, ClusterId = 0x0702, ProfileId = 0x0109, SourceEndpoint = 1, Counter = 201,
            }, report).ToArray();

            // The report, APS-secured by the meter itself, is accepted.
            meter.SendData(NwkAddress.Coordinator, 1, 0x0702, 0x0109, 1, report);
            a.H.Scheduler.RunFor(TimeSpan.FromSeconds(2));
            Assert.Equal(1, reports);

            // The same report with NWK security only is not.
            a.H.CoordinatorRadio.Inject(AppHarness.NwkFrame(meter, a.H.Coordinator, aps, 1_000_000));
            a.H.Scheduler.RunFor(TimeSpan.FromSeconds(2));

            Assert.Contains("ApsSecurityRequired", drops);
            Assert.Equal(1, reports);
        }

        [Fact]
        public void ReplayedApsSecuredFrame_IsDroppedOnItsApsFrameCounter()
        {
            var a = new AppHarness(1);
            ZigbeeNode meter = a.Routers[0];
            var drops = AppHarness.Drops(meter);
            Assert.Equal(ZclTransactionStatus.Success, a.Run(done => a.Gateway.ReadAttributes(meter.NwkAddress, 1, 0x0702, Three, TimeSpan.FromSeconds(10), done)).Status);
            byte[] aps = AppHarness.ApsFrames(a.Radios[0].Received).Last(f => ApsHeader.Decode(f) is { FrameType: ApsFrameType.Data, Security: true });

            a.H.Scheduler.RunFor(TimeSpan.FromSeconds(15)); // past the duplicate rejection timeout
            a.Radios[0].Inject(AppHarness.NwkFrame(a.H.Coordinator, meter, aps, 2_000_000));
            a.H.Scheduler.RunFor(TimeSpan.FromSeconds(1));

            Assert.Contains("ApsFrameCounterReplay", drops);
        }

        [Fact]
        public void NonSeFrame_TravelsWithNwkSecurityOnly()
        {
            var a = new AppHarness(1);
            a.H.Coordinator.SendData(a.Routers[0].NwkAddress, 1, 0x0006, 0x0104, 1, new byte[] { 1, 2 });
            a.H.Scheduler.RunFor(TimeSpan.FromSeconds(2));
            byte[] aps = AppHarness.ApsFrames(a.Radios[0].Received).Last(f => ApsHeader.Decode(f) is { FrameType: ApsFrameType.Data, ClusterId: 0x0006 });
            Assert.False(ApsHeader.Decode(aps).Security);
        }
    }
}
