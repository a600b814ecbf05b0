using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Zsep.Stack.Application;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zcl.SmartEnergy;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// Display values of Metering readings (SE 1.4 07-5356-19 D.3.2.2.4): a summation or demand is shown with the meter's
    /// UnitOfMeasure (0x0300), Multiplier (0x0301), Divisor (0x0302) and SummationFormatting (0x0303) or DemandFormatting
    /// (0x0304), as in "12345.678 kWh". The interview of a node with a Metering server reads them (with
    /// MeteringDeviceType 0x0306) and the store keeps them (node_metering_formats), so a reading needs no extra request;
    /// when they are missing (an older store, a failed read) the gateway reads them just before the first energy reading,
    /// and again when asked to refresh or when a read returns a formatting attribute with a different value.
    /// </summary>
    public sealed partial class Gateway
    {
        /// <summary>Trace code of a meter whose unit and formatting could not be read.</summary>
        public const string MeteringFormatTraceCode = "METERING_FORMAT";

        /// <summary>UnitOfMeasure, Multiplier, Divisor, SummationFormatting, DemandFormatting, MeteringDeviceType.</summary>
        private static readonly ushort[] MeteringFormattingAttributes = { 0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x0306 };

        private readonly Dictionary<Eui64, ZsepMeteringFormat> _formatting = new Dictionary<Eui64, ZsepMeteringFormat>();

        /// <summary>The unit, scale and formatting of a meter as the gateway knows them, or null when it has not read them.</summary>
        public ZsepMeteringFormat? GetMeteringFormat(Eui64 node) => _formatting.TryGetValue(node, out ZsepMeteringFormat? f) ? f : null;

        /// <summary>Called from the constructor: the formattings the store keeps.</summary>
        private void LoadMeteringFormats()
        {
            foreach (MeteringFormatRecord r in Store.GetMeteringFormats())
            {
                var summation = new MeteringFormatting(r.SummationFormatting ?? 0x33);
                _formatting[r.Ieee] = new ZsepMeteringFormat
                {
                    Network = Name,
                    Node = r.Ieee,
                    Endpoint = r.Endpoint,
                    UnitOfMeasure = (MeteringUnitOfMeasure)r.UnitOfMeasure,
                    Multiplier = r.Multiplier ?? 1,
                    Divisor = r.Divisor ?? 1,
                    SummationFormatting = summation,
                    DemandFormatting = r.DemandFormatting is byte d ? new MeteringFormatting(d) : summation,
                    MeteringDeviceType = r.MeteringDeviceType,
                    ReadAt = r.ReadAt,
                };
            }
        }

        /// <summary>Keeps a meter's formatting in memory and in the store (unless the node left meanwhile).</summary>
        private void KeepMeteringFormat(ZsepMeteringFormat format, byte? summation, byte? demand)
        {
            _formatting[format.Node] = format;
            if (_disposed || Store.GetNode(format.Node) is null)
            {
                return;
            }

            Store.SaveMeteringFormat(new MeteringFormatRecord
            {
                Ieee = format.Node,
                Endpoint = format.Endpoint,
                UnitOfMeasure = (byte)format.UnitOfMeasure,
                Multiplier = format.Multiplier,
                Divisor = format.Divisor,
                SummationFormatting = summation,
                DemandFormatting = demand,
                MeteringDeviceType = format.MeteringDeviceType,
                ReadAt = format.ReadAt,
            });
        }

        /// <summary>
        /// Reads a meter's formatting attributes (one request, apart from any reading: added to it, the answer could
        /// outgrow one secured frame) and keeps them. <paramref name="done"/> gets whether they are known now.
        /// </summary>
        private void FetchMeteringFormat(Eui64 node, NwkAddress address, byte endpoint, TimeSpan timeout, Action<bool, ZclTransactionStatus> done) =>
            Application.ReadAttributes(address, endpoint, StandardClusters.Metering, MeteringFormattingAttributes, timeout, response =>
            {
                if (_disposed)
                {
                    return;
                }

                if (response.Frame?.Foundation is not ZclReadAttributesResponse r)
                {
                    done(false, response.Status);
                    return;
                }

                bool known = ApplyMeteringFormat(node, endpoint, r.Records, complete: true);
                if (!known)
                {
                    Trace.Write(State.TraceLevel.Warning, MeteringFormatTraceCode, node, "the meter did not give its UnitOfMeasure: " +
                        string.Join(", ", r.Records.Select(x => $"0x{x.AttributeId:X4} {x.Status}")));
                }

                done(known, response.Status);
            }, EsiEndpoint);

        /// <summary>
        /// Takes the formatting attributes among <paramref name="records"/>: with <paramref name="complete"/> (the answer
        /// to the formatting request) they replace what was known; otherwise (a reading that included some of them) a
        /// value that differs from the known one updates it, and when nothing is known yet a reading with UnitOfMeasure,
        /// Multiplier, Divisor and SummationFormatting is taken as the formatting. Returns whether the meter's formatting is known now.
        /// </summary>
        private bool ApplyMeteringFormat(Eui64 node, byte endpoint, IReadOnlyList<ZclReadAttributeStatusRecord> records, bool complete)
        {
            object? Get(ushort id)
            {
                for (int i = 0; i < records.Count; i++)
                {
                    if (records[i].AttributeId == id && records[i].Status == ZclStatus.Success && records[i].Value is { IsInvalid: false } v)
                    {
                        return v.Value;
                    }
                }

                return null;
            }

            _formatting.TryGetValue(node, out ZsepMeteringFormat? known);
            object? unit = Get(0x0300);
            if (!complete && known is null)
            {
                if (unit is null || Get(0x0301) is null || Get(0x0302) is null || Get(0x0303) is null)
                {
                    return false;
                }

                complete = true; // nothing kept yet, and the reading has the unit, scale and summation formatting: take them
            }

            if (complete && unit is null)
            {
                return known is not null;
            }

            uint? U(ushort id) => Get(id) is { } v ? Convert.ToUInt32(v, CultureInfo.InvariantCulture) : null;
            byte? B(ushort id) => Get(id) is { } v ? Convert.ToByte(v, CultureInfo.InvariantCulture) : null;
            byte? summation = B(0x0303), demand = B(0x0304), deviceType = B(0x0306);
            uint? multiplier = U(0x0301), divisor = U(0x0302);
            ZsepMeteringFormat updated;
            if (complete)
            {
                var s = new MeteringFormatting(summation ?? 0x33);
                updated = new ZsepMeteringFormat
                {
                    Network = Name,
                    Node = node,
                    Endpoint = endpoint,
                    UnitOfMeasure = (MeteringUnitOfMeasure)Convert.ToByte(unit, CultureInfo.InvariantCulture),
                    Multiplier = multiplier ?? 1,
                    Divisor = divisor ?? 1,
                    SummationFormatting = s,
                    DemandFormatting = demand is byte d ? new MeteringFormatting(d) : s,
                    MeteringDeviceType = deviceType,
                    ReadAt = Scheduler.Now,
                };
            }
            else
            {
                ZsepMeteringFormat k = known!;
                updated = k with
                {
                    UnitOfMeasure = unit is null ? k.UnitOfMeasure : (MeteringUnitOfMeasure)Convert.ToByte(unit, CultureInfo.InvariantCulture),
                    Multiplier = multiplier ?? k.Multiplier,
                    Divisor = divisor ?? k.Divisor,
                    SummationFormatting = summation is byte ns ? new MeteringFormatting(ns) : k.SummationFormatting,
                    DemandFormatting = demand is byte nd ? new MeteringFormatting(nd) : k.DemandFormatting,
                    MeteringDeviceType = deviceType ?? k.MeteringDeviceType,
                };
                if (updated == k)
                {
                    return true;
                }

                updated = updated with { ReadAt = Scheduler.Now };
                summation = updated.SummationFormatting.Value;
                demand = updated.DemandFormatting.Value;
            }

            KeepMeteringFormat(updated, summation, demand);
            return true;
        }

        /// <summary>
        /// Runs <paramref name="read"/>, first reading the meter's formatting attributes when a Metering energy reading needs
        /// them and they are not known yet (or <paramref name="refresh"/> asks for them again). They are asked twice; when
        /// the meter does not answer, the reading goes ahead, and once it has answered they are asked a last time (the
        /// route works then); failing that, the display value is the raw number and METERING_FORMAT is traced.
        /// </summary>
        private void WithFormatting(Eui64 node, NwkAddress address, byte endpoint, ushort cluster, ushort[] attributes, TimeSpan timeout, Action read,
            int attempt = 1, bool refresh = false)
        {
            if (cluster != StandardClusters.Metering || (!refresh && _formatting.ContainsKey(node)) || !NeedsFormatting(attributes))
            {
                read();
                return;
            }

            FetchMeteringFormat(node, address, endpoint, timeout, (known, status) =>
            {
                if (status != ZclTransactionStatus.Success && attempt < 2)
                {
                    // A busy mesh loses a frame now and then: ask once more, as the batch does for the reading itself.
                    WithFormatting(node, address, endpoint, cluster, attributes, timeout, read, attempt + 1, refresh);
                    return;
                }

                if (status != ZclTransactionStatus.Success)
                {
                    Trace.Write(State.TraceLevel.Warning, MeteringFormatTraceCode, node, $"the meter's unit and formatting could not be read ({status}); its readings show raw values");
                }

                read();
            });
        }

        private static bool NeedsFormatting(ushort[] attributes)
        {
            foreach (ushort a in attributes)
            {
                if (EnergyKind(a) != 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Adds the display values to a node's records.</summary>
        private ZsepAttributeReadOutcome WithDisplay(Eui64 node, ushort cluster, ZsepAttributeReadOutcome outcome)
        {
            if (outcome.Error is not null)
            {
                return outcome;
            }

            _formatting.TryGetValue(node, out ZsepMeteringFormat? scale);
            return outcome with { Values = outcome.Values.Select(v => v with { DisplayValue = Display(cluster, v, scale) }).ToList() };
        }

        private static string? Display(ushort cluster, ZsepAttributeValue v, ZsepMeteringFormat? scale)
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
                            return MeteringDisplay.FormatSummation(Convert.ToUInt64(v.Value, CultureInfo.InvariantCulture), scale.UnitOfMeasure, scale.Multiplier, scale.Divisor, scale.SummationFormatting);
                        case 2:
                            return MeteringDisplay.FormatDemand(Convert.ToInt64(v.Value, CultureInfo.InvariantCulture), scale.UnitOfMeasure, scale.Multiplier, scale.Divisor, scale.DemandFormatting);
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
