using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Zsep.Stack.Application;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zcl.SmartEnergy;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// Display values of Metering readings (SE 1.4 07-5356-19 D.3.2.2.4): a summation or demand is shown with the meter's
    /// UnitOfMeasure (0x0300), Multiplier (0x0301), Divisor (0x0302) and SummationFormatting (0x0303) or DemandFormatting
    /// (0x0304), as in "12345.678 kWh". The gateway reads these once per node, just before the first energy reading it is
    /// asked for, and keeps them in memory.
    /// </summary>
    public sealed partial class Gateway
    {
        /// <summary>Trace code of a meter whose unit and formatting could not be read.</summary>
        public const string MeteringFormatTraceCode = "METERING_FORMAT";

        private static readonly ushort[] MeteringFormattingAttributes = { 0x0300, 0x0301, 0x0302, 0x0303, 0x0304 };

        private readonly Dictionary<Eui64, MeteringScale> _formatting = new Dictionary<Eui64, MeteringScale>();

        /// <summary>A meter's unit, scale and formatting.</summary>
        private sealed record MeteringScale(MeteringUnitOfMeasure Unit, uint Multiplier, uint Divisor, MeteringFormatting Summation, MeteringFormatting Demand);

        /// <summary>
        /// Runs <paramref name="read"/>, first reading the meter's formatting attributes when a Metering energy reading needs
        /// them and they are not known yet. They go in a request of their own: added to the reading's request, the answer
        /// could outgrow one secured frame. They are asked twice; when the meter does not answer, the reading goes ahead,
        /// and once it has answered they are asked a last time (the route works then); failing that, the display value is the
        /// raw number and METERING_FORMAT is traced.
        /// </summary>
        private void WithFormatting(Eui64 node, NwkAddress address, byte endpoint, ushort cluster, ushort[] attributes, TimeSpan timeout, Action read, int attempt = 1)
        {
            if (cluster != StandardClusters.Metering || _formatting.ContainsKey(node) || !attributes.Any(a => EnergyKind(a) != 0))
            {
                read();
                return;
            }

            Application.ReadAttributes(address, endpoint, cluster, MeteringFormattingAttributes, timeout, response =>
            {
                if (response.Status != ZclTransactionStatus.Success && attempt < 2)
                {
                    // A busy mesh loses a frame now and then: ask once more, as the batch does for the reading itself.
                    WithFormatting(node, address, endpoint, cluster, attributes, timeout, read, attempt + 1);
                    return;
                }

                if (response.Frame?.Foundation is not ZclReadAttributesResponse r)
                {
                    Trace.Write(State.TraceLevel.Warning, MeteringFormatTraceCode, node, $"the meter's unit and formatting could not be read ({response.Status}); its readings show raw values");
                }
                else
                {
                    object? Get(ushort id) => r.Records.FirstOrDefault(x => x.AttributeId == id && x.Status == ZclStatus.Success)?.Value is { IsInvalid: false } v ? v.Value : null;
                    if (Get(0x0300) is not { } unit)
                    {
                        Trace.Write(State.TraceLevel.Warning, MeteringFormatTraceCode, node, "the meter did not give its UnitOfMeasure: " +
                            string.Join(", ", r.Records.Select(x => $"0x{x.AttributeId:X4} {x.Status}")));
                    }
                    else
                    {
                        uint U(ushort id, uint fallback) => Get(id) is { } v ? Convert.ToUInt32(v, CultureInfo.InvariantCulture) : fallback;
                        var summation = new MeteringFormatting((byte)U(0x0303, 0x33));
                        _formatting[node] = new MeteringScale((MeteringUnitOfMeasure)Convert.ToByte(unit, CultureInfo.InvariantCulture),
                            U(0x0301, 1), U(0x0302, 1), summation, new MeteringFormatting((byte)U(0x0304, summation.Value)));
                    }
                }

                read();
            }, EsiEndpoint);
        }

        /// <summary>Adds the display values to a node's records.</summary>
        private ZsepAttributeReadOutcome WithDisplay(Eui64 node, ushort cluster, ZsepAttributeReadOutcome outcome)
        {
            if (outcome.Error is not null)
            {
                return outcome;
            }

            _formatting.TryGetValue(node, out MeteringScale? scale);
            return outcome with { Values = outcome.Values.Select(v => v with { DisplayValue = Display(cluster, v, scale) }).ToList() };
        }

        private static string? Display(ushort cluster, ZsepAttributeValue v, MeteringScale? scale)
        {
            if (v.Status != ZclStatus.Success || v.Value is null)
            {
                return null;
            }

            if (cluster == StandardClusters.Metering && scale is not null)
            {
                try
                {
                    switch (EnergyKind(v.Attribute))
                    {
                        case 1:
                            return MeteringDisplay.FormatSummation(Convert.ToUInt64(v.Value, CultureInfo.InvariantCulture), scale.Unit, scale.Multiplier, scale.Divisor, scale.Summation);
                        case 2:
                            return MeteringDisplay.FormatDemand(Convert.ToInt64(v.Value, CultureInfo.InvariantCulture), scale.Unit, scale.Multiplier, scale.Divisor, scale.Demand);
                    }
                }
                catch (Exception ex) when (ex is OverflowException || ex is InvalidCastException || ex is ArgumentOutOfRangeException || ex is FormatException)
                {
                    // A value that does not fit the Metering rules is shown as it came.
                }
            }

            return v.Value switch
            {
                byte[] octets => "0x" + string.Concat(octets.Select(b => b.ToString("X2", CultureInfo.InvariantCulture))),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.Value.ToString(),
            };
        }

        /// <summary>1 for a Metering summation attribute (uint48 "...Summation..." registers), 2 for a demand attribute, 0 otherwise.</summary>
        private static int EnergyKind(ushort attribute)
        {
            ZclAttributeDefinition? a = ClusterRegistry.Get(StandardClusters.Metering)?.GetAttribute(attribute);
            if (a is null)
            {
                return 0;
            }

            if (a.Name.IndexOf("Demand", StringComparison.Ordinal) >= 0 && (a.DataType == ZclDataType.Int24 || a.DataType == ZclDataType.UInt48 || a.DataType == ZclDataType.UInt24))
            {
                return 2;
            }

            return a.DataType == ZclDataType.UInt48 && a.Name.IndexOf("Summation", StringComparison.Ordinal) >= 0 ? 1 : 0;
        }
    }
}
