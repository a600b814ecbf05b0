using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Node;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Application
{
    /// <summary>
    /// Attribute reporting at the server (ZCL rev 7, 07-5123-07, 2.5.7 Configure Reporting and 2.5.11 Report Attributes):
    /// a configured attribute is reported when its maximum reporting interval has passed since the last report, or
    /// when it changed (by at least the reportable change, for analog types) and the minimum interval has passed.
    /// A maximum of 0xFFFF stops reporting; 0 means no periodic reports. Reports go to the node and endpoint that
    /// configured them (this stack keeps no binding table: a simplification of 2.5.7.1's bound destinations), checked
    /// once a second on the scheduler while any configuration exists.
    /// </summary>
    public sealed partial class ZclApplication
    {
        private readonly Dictionary<(byte Endpoint, ushort Cluster, ushort Attribute), ReportConfig> _reporting = new Dictionary<(byte, ushort, ushort), ReportConfig>();
        private IScheduledItem? _reportTimer;

        private sealed class ReportConfig
        {
            public ReportConfig(ZclAttribute attribute, ZclReportingConfigurationRecord record, NwkAddress destination, byte destinationEndpoint, ushort profileId)
            {
                Attribute = attribute;
                Record = record;
                Destination = destination;
                DestinationEndpoint = destinationEndpoint;
                ProfileId = profileId;
            }

            public ZclAttribute Attribute { get; }

            public ZclReportingConfigurationRecord Record { get; }

            public NwkAddress Destination { get; }

            public byte DestinationEndpoint { get; }

            public ushort ProfileId { get; }

            public DateTimeOffset? LastReportAt { get; set; }

            public ZclValue? LastValue { get; set; }
        }

        /// <summary>How many attribute reporting configurations this application holds.</summary>
        public int ReportingConfigurationCount => _reporting.Count;

        private ZclConfigureReportingResponse ConfigureReporting(ApsDataIndicationEventArgs e, ZclEndpoint endpoint, ZclClusterServer cluster, ZclConfigureReporting configure)
        {
            var failures = new List<ZclConfigureReportingStatusRecord>();
            foreach (ZclReportingConfigurationRecord record in configure.Records)
            {
                if (record.Direction != ZclReportingDirection.SendReports)
                {
                    continue; // A timeout period for reports this side would receive: accepted, not enforced.
                }

                ZclAttribute? a = cluster.GetAttribute(record.AttributeId);
                ZclStatus status = a is null ? ZclStatus.UnsupportedAttribute
                    : !a.Reportable ? ZclStatus.UnreportableAttribute
                    : a.DataType != record.DataType ? ZclStatus.InvalidDataType
                    : record.MaximumReportingInterval != 0 && record.MaximumReportingInterval != 0xFFFF && record.MaximumReportingInterval < record.MinimumReportingInterval ? ZclStatus.InvalidValue
                    : ZclStatus.Success;
                if (status != ZclStatus.Success)
                {
                    failures.Add(new ZclConfigureReportingStatusRecord(status, record.Direction, record.AttributeId));
                    continue;
                }

                var key = (endpoint.Endpoint, cluster.ClusterId, record.AttributeId);
                if (record.MaximumReportingInterval == 0xFFFF)
                {
                    _reporting.Remove(key);
                    continue;
                }

                _reporting[key] = new ReportConfig(a!, record, e.Source, e.SourceEndpoint, e.ProfileId);
            }

            StartReportTimer();
            return new ZclConfigureReportingResponse(failures.Count == 0
                ? new[] { new ZclConfigureReportingStatusRecord(ZclStatus.Success, null, null) }
                : failures.ToArray());
        }

        private ZclReadReportingConfigurationResponse ReadReportingConfiguration(ZclEndpoint endpoint, ZclClusterServer cluster, ZclReadReportingConfiguration read)
        {
            var records = new List<ZclReadReportingConfigurationRecord>();
            foreach (ZclReportingAttributeRecord r in read.Records)
            {
                if (_reporting.TryGetValue((endpoint.Endpoint, cluster.ClusterId, r.AttributeId), out ReportConfig? config) && r.Direction == ZclReportingDirection.SendReports)
                {
                    records.Add(new ZclReadReportingConfigurationRecord(ZclStatus.Success, config.Record));
                }
                else
                {
                    ZclStatus status = cluster.GetAttribute(r.AttributeId) is null ? ZclStatus.UnsupportedAttribute : ZclStatus.NotFound;
                    records.Add(new ZclReadReportingConfigurationRecord(status, new ZclReportingConfigurationRecord { Direction = r.Direction, AttributeId = r.AttributeId }));
                }
            }

            return new ZclReadReportingConfigurationResponse(records);
        }

        private void RemoveReportingFor(byte endpoint)
        {
            foreach (var key in _reporting.Keys.Where(k => k.Endpoint == endpoint).ToList())
            {
                _reporting.Remove(key);
            }
        }

        private void StartReportTimer()
        {
            if (_reportTimer is { IsDone: false } || _reporting.Count == 0 || _disposed)
            {
                return;
            }

            _reportTimer = Scheduler.Schedule(TimeSpan.FromSeconds(1), () =>
            {
                _reportTimer = null;
                if (_disposed)
                {
                    return;
                }

                ReportDue();
                StartReportTimer();
            });
        }

        private void ReportDue()
        {
            DateTimeOffset now = Scheduler.Now;
            var due = new Dictionary<(byte Endpoint, ushort Cluster, ushort Destination, byte DestinationEndpoint, ushort Profile), List<(ReportConfig Config, ZclValue Value)>>();
            foreach (var pair in _reporting)
            {
                ReportConfig c = pair.Value;
                ZclValue value = c.Attribute.Value;
                double elapsed = c.LastReportAt is { } last ? (now - last).TotalSeconds : double.MaxValue;
                ushort max = c.Record.MaximumReportingInterval;
                bool periodic = max != 0 && elapsed >= max;
                bool changed = elapsed >= c.Record.MinimumReportingInterval && Changed(c.LastValue, value, c.Record.ReportableChange);
                if (!periodic && !changed)
                {
                    continue;
                }

                var key = (pair.Key.Endpoint, pair.Key.Cluster, c.Destination.Value, c.DestinationEndpoint, c.ProfileId);
                if (!due.TryGetValue(key, out var list))
                {
                    due[key] = list = new List<(ReportConfig, ZclValue)>();
                }

                list.Add((c, value));
            }

            foreach (var pair in due)
            {
                foreach ((ReportConfig config, ZclValue value) in pair.Value)
                {
                    config.LastReportAt = now;
                    config.LastValue = value;
                }

                var header = new ZclHeader
                {
                    Direction = ZclDirection.ServerToClient,
                    DisableDefaultResponse = true,
                    TransactionSequenceNumber = NextTsn(),
                };
                var report = new ZclReportAttributes(pair.Value.Select(p => new ZclAttributeValueRecord(p.Config.Attribute.Id, p.Value)).ToList());
                SendFrame(new NwkAddress(pair.Key.Destination), pair.Key.DestinationEndpoint, pair.Key.Endpoint, pair.Key.Profile,
                    ZclFrame.Create(pair.Key.Cluster, header, report), null);
            }
        }

        /// <summary>2.5.7.1.7: an analog attribute changed by at least the reportable change; a discrete one changed at all.</summary>
        private static bool Changed(ZclValue? last, ZclValue now, ZclValue? reportableChange)
        {
            if (last is null)
            {
                return true;
            }

            if (now.TypeInfo.IsAnalog && reportableChange is not null && TryNumber(last, out double a) && TryNumber(now, out double b) &&
                TryNumber(reportableChange, out double delta))
            {
                return Math.Abs(b - a) >= delta && !(a == b && delta == 0);
            }

            return !now.Equals(last);
        }

        private static bool TryNumber(ZclValue value, out double number)
        {
            number = 0;
            if (value.IsInvalid || value.Value is null)
            {
                return false;
            }

            if (value.DataType == ZclDataType.UtcTime)
            {
                number = value.UtcSeconds;
                return true;
            }

            switch (value.Value)
            {
                case byte or ushort or uint or ulong or sbyte or short or int or long or float or double:
                    number = Convert.ToDouble(value.Value, System.Globalization.CultureInfo.InvariantCulture);
                    return true;
                default:
                    return false;
            }
        }
    }
}
