using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Application;
using Zsep.Stack.Node;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Xunit;

namespace Zsep.Stack.Tests.Application
{
    /// <summary>The ZCL engine (ZCL rev 7 2.5) between two stacks: foundation commands, default responses, reporting.</summary>
    public class ZclEngineTests
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        [Fact]
        public void ReadAttributes_ThreeWithOneUnsupported_GivesA0x86RecordAndTheOthers()
        {
            var a = new AppHarness(1);
            ZclResponse r = a.Run(done => a.Gateway.ReadAttributes(a.Routers[0].NwkAddress, 1, 0x0702, new ushort[] { 0x0000, 0x0001, 0x0400 }, Timeout, done));

            var records = Assert.IsType<ZclReadAttributesResponse>(r.Frame!.Foundation).Records;
            Assert.Equal(new ushort[] { 0x0000, 0x0001, 0x0400 }, records.Select(x => x.AttributeId));
            Assert.Equal(new[] { ZclStatus.Success, ZclStatus.UnsupportedAttribute, ZclStatus.Success }, records.Select(x => x.Status));
            Assert.Equal(123456789UL, records[0].Value!.Value);
            Assert.Equal(ZclDataType.UInt48, records[0].DataType);
            Assert.Equal(1500, records[2].Value!.Value);
            Assert.Null(records[1].Value);
        }

        [Fact]
        public void WriteAttributes_ReadOnlyWrongTypeAndGood_EachGetsItsStatus()
        {
            var a = new AppHarness(1);
            var records = new[]
            {
                new ZclAttributeValueRecord(0x0000, ZclValue.Create(ZclDataType.UInt48, 1UL)),   // read-only
                new ZclAttributeValueRecord(0x0301, ZclValue.Create(ZclDataType.UInt16, (ushort)2)), // wrong type (uint24)
                new ZclAttributeValueRecord(0x0999, ZclValue.Create(ZclDataType.UInt8, (byte)2)),  // not there
            };
            ZclResponse r = a.Run(done => a.Gateway.WriteAttributes(a.Routers[0].NwkAddress, 1, 0x0702, records, Timeout, done));
            var statuses = Assert.IsType<ZclWriteAttributesResponse>(r.Frame!.Foundation).Records;
            Assert.Equal(new[] { ZclStatus.ReadOnly, ZclStatus.InvalidDataType, ZclStatus.UnsupportedAttribute }, statuses.Select(s => s.Status));

            ZclResponse ok = a.Run(done => a.Gateway.WriteAttributes(a.Routers[0].NwkAddress, 1, 0x0702,
                new[] { new ZclAttributeValueRecord(0x0301, ZclValue.Create(ZclDataType.UInt24, 7u)) }, Timeout, done));
            Assert.True(Assert.IsType<ZclWriteAttributesResponse>(ok.Frame!.Foundation).AllSucceeded);
            Assert.Equal(7u, a.Apps[0].GetEndpoint(1)!.GetServer(0x0702)!.GetAttribute(0x0301)!.Value.Value);
        }

        [Fact]
        public void UnknownClusterAndCommand_GetDefaultResponses()
        {
            var a = new AppHarness(1);
            ZclResponse noCluster = a.Run(done => a.Gateway.ReadAttributes(a.Routers[0].NwkAddress, 1, 0x0700, new ushort[] { 0 }, Timeout, done));
            Assert.Equal(ZclStatus.UnsupportedCluster, noCluster.DefaultResponse!.Status);

            ZclResponse noCommand = a.Run(done => a.Gateway.SendCommand(a.Routers[0].NwkAddress, 1, 0x0702, 0x06, new byte[] { 1 }, Timeout, done));
            Assert.Equal(ZclStatus.UnsupClusterCommand, noCommand.DefaultResponse!.Status);
            Assert.Equal(0x06, noCommand.DefaultResponse.CommandIdentifier);

            // Manufacturer-specific: none supported (ZCL 2.4.1.1.2).
            var header = new ZclHeader { ManufacturerCode = 0x1234, TransactionSequenceNumber = a.Gateway.NextTsn() };
            ZclResponse manufacturer = a.Run(done => a.Gateway.Request(a.Routers[0].NwkAddress, 1,
                ZclFrame.Create(0x0702, header, new ZclReadAttributes(new ushort[] { 0 })), 1, Timeout, done));
            Assert.Equal(ZclStatus.UnsupManufGeneralCommand, manufacturer.DefaultResponse!.Status);
        }

        [Fact]
        public void ClusterCommandHandler_AnswersWithItsOwnResponse()
        {
            var a = new AppHarness(1);
            a.Apps[0].GetEndpoint(1)!.GetServer(0x0702)!.Handle(0x00, ctx =>
            {
                ctx.Respond(0x00, new byte[] { 0xAB, ctx.Payload[0] });
                return ZclStatus.Success;
            });
            ZclResponse r = a.Run(done => a.Gateway.SendCommand(a.Routers[0].NwkAddress, 1, 0x0702, 0x00, new byte[] { 0x42 }, Timeout, done));
            Assert.False(r.Frame!.Header.IsGlobal);
            Assert.Equal(ZclDirection.ServerToClient, r.Frame.Header.Direction);
            Assert.Equal(new byte[] { 0xAB, 0x42 }, r.Frame.Payload);
        }

        [Fact]
        public void DiscoverAttributes_ListsTheStore()
        {
            var a = new AppHarness(1);
            ZclResponse r = a.Run(done => a.Gateway.Request(a.Routers[0].NwkAddress, 1,
                ZclFrame.Create(0x0702, new ZclHeader { TransactionSequenceNumber = a.Gateway.NextTsn() }, new ZclDiscoverAttributes(0x0300, 10)), 1, Timeout, done));
            var d = Assert.IsType<ZclDiscoverAttributesResponse>(r.Frame!.Foundation);
            Assert.True(d.DiscoveryComplete);
            Assert.Equal(new ushort[] { 0x0300, 0x0301, 0x0302, 0x0400 }, d.Attributes.Select(x => x.AttributeId));
        }

        [Fact]
        public void Timeout_WhenTheNodeIsGone()
        {
            var a = new AppHarness(1, o => o with { ApsAckWaitDuration = TimeSpan.FromSeconds(1), ApsMaxFrameRetries = 1 });
            a.Radios[0].Offline = true;
            ZclResponse r = a.Run(done => a.Gateway.ReadAttributes(a.Routers[0].NwkAddress, 1, 0x0702, new ushort[] { 0 }, Timeout, done));
            Assert.NotEqual(ZclTransactionStatus.Success, r.Status);
            Assert.Equal(0, a.Gateway.PendingRequests);
        }

        [Fact]
        public void WriteThenConfigureReporting_ReportsArriveOnChangeAndAtTheMaximumInterval()
        {
            var a = new AppHarness(1);
            var reports = new List<ZclReportEventArgs>();
            a.Gateway.ReportReceived += (_, e) => reports.Add(e);
            NwkAddress meter = a.Routers[0].NwkAddress;
            ZclResponse configured = a.Run(done => a.Gateway.ConfigureReporting(meter, 1, 0x0702, new[]
            {
                new ZclReportingConfigurationRecord
                {
                    Direction = ZclReportingDirection.SendReports, AttributeId = 0x0400, DataType = ZclDataType.Int24,
                    MinimumReportingInterval = 5, MaximumReportingInterval = 60, ReportableChange = ZclValue.Create(ZclDataType.Int24, 100),
                },
                new ZclReportingConfigurationRecord
                {
                    Direction = ZclReportingDirection.SendReports, AttributeId = 0x0999, DataType = ZclDataType.UInt8, MaximumReportingInterval = 60,
                    ReportableChange = ZclValue.Create(ZclDataType.UInt8, (byte)1),
                },
            }, Timeout, done));
            var statuses = Assert.IsType<ZclConfigureReportingResponse>(configured.Frame!.Foundation).Records;
            Assert.Equal(ZclStatus.UnsupportedAttribute, Assert.Single(statuses).Status);

            a.H.Scheduler.RunFor(TimeSpan.FromSeconds(3));
            ZclAttributeValueRecord first = Assert.Single(Assert.Single(reports).Records);
            Assert.Equal(1500, first.Value.Value);
            Assert.Equal(a.Routers[0].Ieee, reports[0].SourceIeee);

            // A change below the reportable change: nothing until the maximum interval.
            ZclAttribute demand = a.Apps[0].GetEndpoint(1)!.GetServer(0x0702)!.GetAttribute(0x0400)!;
            demand.Value = ZclValue.Create(ZclDataType.Int24, 1550);
            a.H.Scheduler.RunFor(TimeSpan.FromSeconds(20));
            Assert.Single(reports);

            // A change beyond it: a report once the minimum interval has passed.
            demand.Value = ZclValue.Create(ZclDataType.Int24, 2000);
            a.H.Scheduler.RunFor(TimeSpan.FromSeconds(3));
            Assert.Equal(2, reports.Count);
            Assert.Equal(2000, reports[1].Records[0].Value.Value);

            // Unchanged: the next one comes at the maximum interval.
            a.H.Scheduler.RunFor(TimeSpan.FromSeconds(55));
            Assert.Equal(2, reports.Count);
            a.H.Scheduler.RunFor(TimeSpan.FromSeconds(10));
            Assert.Equal(3, reports.Count);
        }
    }
}
