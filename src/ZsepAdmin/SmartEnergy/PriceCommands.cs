using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zcl.SmartEnergy;

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// Publish-ZsepPrice: adds a price to the ESI's schedule and sends Publish Price (SE 1.4 D.4.2.4.1) to devices,
    /// the fields as parameters with defaults.
    /// </summary>
    [Cmdlet("Publish", "ZsepPrice", SupportsShouldProcess = true, DefaultParameterSetName = "Node")]
    [OutputType(typeof(ZsepPrice))]
    public sealed class PublishZsepPriceCommand : SmartEnergySendCmdlet
    {
        /// <summary>The price in currency units per unit of measure, with -PriceTrailingDigit digits after the point (2450 with 4 digits is 0.2450).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public uint Price { get; set; }

        [Parameter]
        public uint ProviderId { get; set; } = 1;

        /// <summary>Up to 12 bytes of UTF-8.</summary>
        [Parameter]
        [ValidateNotNull]
        public string RateLabel { get; set; } = "Standard";

        /// <summary>Default: one above the highest issuer event id of the schedule.</summary>
        [Parameter]
        public uint? IssuerEventId { get; set; }

        [Parameter]
        public MeteringUnitOfMeasure UnitOfMeasure { get; set; } = MeteringUnitOfMeasure.KilowattHours;

        /// <summary>ISO 4217: a number (826, 978, 840) or letters (GBP, EUR, USD).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Currency { get; set; } = "GBP";

        [Parameter]
        [ValidateRange(0, 15)]
        public byte PriceTrailingDigit { get; set; } = 4;

        [Parameter]
        [ValidateRange(0, 15)]
        public byte PriceTier { get; set; } = 1;

        [Parameter]
        [ValidateRange(0, 15)]
        public byte NumberOfPriceTiers { get; set; } = 1;

        [Parameter]
        [ValidateRange(0, 15)]
        public byte RegisterTier { get; set; }

        /// <summary>When the price starts, in network time; default now.</summary>
        [Parameter]
        public DateTimeOffset? StartTime { get; set; }

        /// <summary>When the price starts, from the network's clock (the simulated clock is virtual).</summary>
        [Parameter]
        public TimeSpan? StartIn { get; set; }

        /// <summary>Minutes the price applies; default until changed.</summary>
        [Parameter]
        [ValidateRange(1, 0xFFFE)]
        public ushort? DurationMinutes { get; set; }

        [Parameter]
        public byte? PriceRatio { get; set; }

        [Parameter]
        public uint? GenerationPrice { get; set; }

        [Parameter]
        public byte? GenerationPriceRatio { get; set; }

        [Parameter]
        public uint? AlternateCostDelivered { get; set; }

        /// <summary>0x01: kg of CO2 per unit of measure.</summary>
        [Parameter]
        public byte? AlternateCostUnit { get; set; }

        [Parameter]
        [ValidateRange(0, 15)]
        public byte? AlternateCostTrailingDigit { get; set; }

        [Parameter]
        public byte? NumberOfBlockThresholds { get; set; }

        /// <summary>Devices answer with Price Acknowledgement (Price Control bit 0).</summary>
        [Parameter]
        public SwitchParameter AcknowledgementRequired { get; set; }

        protected override void Send(Gateway gateway, IReadOnlyList<Eui64>? nodes, string target)
        {
            if (!Iso4217.TryParse(Currency, out ushort currency))
            {
                WriteError(new ErrorRecord(new ArgumentException($"'{Currency}' is not an ISO 4217 currency (a number such as 826, or GBP, EUR, USD ...)."),
                    "InvalidCurrency", ErrorCategory.InvalidArgument, Currency));
                return;
            }

            if (System.Text.Encoding.UTF8.GetByteCount(RateLabel) > 12)
            {
                WriteError(new ErrorRecord(new ArgumentException($"The rate label '{RateLabel}' is longer than 12 bytes (SE 1.4 D.4.2.4.1.2)."),
                    "InvalidRateLabel", ErrorCategory.InvalidArgument, RateLabel));
                return;
            }

            if (!TryStart(gateway, StartTime, StartIn, out ZclUtcTime start))
            {
                return;
            }

            uint id = IssuerEventId ?? gateway.NextPriceIssuerEventId();
            var price = new PublishPrice(ProviderId, ZclOctets.FromText(RateLabel), id, ZclUtcTime.Now, UnitOfMeasure, currency, PriceTrailingDigit, PriceTier,
                NumberOfPriceTiers, RegisterTier, start, DurationMinutes ?? PublishPrice.UntilChanged, Price)
            {
                PriceRatio = PriceRatio,
                GenerationPrice = GenerationPrice,
                GenerationPriceRatio = GenerationPriceRatio,
                AlternateCostDelivered = AlternateCostDelivered,
                AlternateCostUnit = AlternateCostUnit,
                AlternateCostTrailingDigit = AlternateCostTrailingDigit,
                NumberOfBlockThresholds = NumberOfBlockThresholds,
                PriceControl = AcknowledgementRequired ? PriceControlFlags.PriceAcknowledgementRequired : null,
            };
            if (!ShouldProcess(target, $"Publish price {id} ({Price} at {PriceTrailingDigit} digits, {Currency} per {UnitOfMeasure})"))
            {
                return;
            }

            SendAndWrite(gateway, nodes, () => gateway.PublishPrice(price, nodes, Gateway.SmartEnergyTimeout, CancellationToken), r => r.Deliveries);
        }
    }

    /// <summary>
    /// Publish-ZsepBlockPeriod: adds a block period to the ESI's and sends Publish Block Period (SE 1.4 D.4.2.4.2)
    /// to devices; it answers their Get Block Periods (D.4.2.3.3).
    /// </summary>
    [Cmdlet("Publish", "ZsepBlockPeriod", SupportsShouldProcess = true, DefaultParameterSetName = "Node")]
    [OutputType(typeof(ZsepBlockPeriod))]
    public sealed class PublishZsepBlockPeriodCommand : SmartEnergySendCmdlet
    {
        [Parameter]
        public uint ProviderId { get; set; } = 1;

        /// <summary>Default: one above the highest issuer event id of the prices and block periods.</summary>
        [Parameter]
        public uint? IssuerEventId { get; set; }

        /// <summary>When the block period starts, in network time; default now.</summary>
        [Parameter]
        public DateTimeOffset? StartTime { get; set; }

        /// <summary>When the block period starts, from the network's clock (the simulated clock is virtual).</summary>
        [Parameter]
        public TimeSpan? StartIn { get; set; }

        /// <summary>How long the block period lasts, in -DurationTimebase units; default until changed.</summary>
        [Parameter]
        [ValidateRange(1, 0xFFFFFE)]
        public uint? Duration { get; set; }

        [Parameter]
        public BlockPeriodDurationTimebase DurationTimebase { get; set; } = BlockPeriodDurationTimebase.Minutes;

        [Parameter]
        public BlockPeriodDurationControl DurationControl { get; set; } = BlockPeriodDurationControl.StartOfTimebase;

        /// <summary>RepeatingBlock, PriceAcknowledgementRequired.</summary>
        [Parameter]
        public BlockPeriodControlFlags BlockPeriodControl { get; set; }

        [Parameter]
        public PriceTariffType TariffType { get; set; } = PriceTariffType.DeliveredTariff;

        [Parameter]
        public TariffResolutionPeriod TariffResolutionPeriod { get; set; } = TariffResolutionPeriod.NotDefined;

        protected override void Send(Gateway gateway, IReadOnlyList<Eui64>? nodes, string target)
        {
            if (!TryStart(gateway, StartTime, StartIn, out ZclUtcTime start))
            {
                return;
            }

            uint id = IssuerEventId ?? gateway.NextBlockPeriodIssuerEventId();
            var command = new PublishBlockPeriod(ProviderId, id, start, Duration ?? ZsepBlockPeriod.UntilChanged, (byte)BlockPeriodControl,
                (byte)(((byte)DurationControl << 4) | (byte)DurationTimebase), (byte)TariffType, (byte)TariffResolutionPeriod);
            string length = Duration is uint d ? $"{d} {DurationTimebase}" : "until changed";
            if (!ShouldProcess(target, $"Publish block period {id} ({length})"))
            {
                return;
            }

            SendAndWrite(gateway, nodes, () => gateway.PublishBlockPeriod(command, nodes, Gateway.SmartEnergyTimeout, CancellationToken), r => r.Deliveries);
        }
    }

    /// <summary>Get-ZsepPrice: the ESI's price schedule, or with -BlockPeriod its block periods.</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepPrice")]
    [OutputType(typeof(ZsepPrice), typeof(ZsepBlockPeriod))]
    public sealed class GetZsepPriceCommand : ZsepNetworkCmdlet
    {
        [Parameter(Position = 0)]
        public uint[]? IssuerEventId { get; set; }

        /// <summary>Only the price (or block period) that applies now.</summary>
        [Parameter]
        public SwitchParameter Current { get; set; }

        /// <summary>The block periods (Publish-ZsepBlockPeriod) instead of the prices.</summary>
        [Parameter]
        public SwitchParameter BlockPeriod { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (BlockPeriod)
            {
                foreach (ZsepBlockPeriod b in gateway.GetBlockPeriods())
                {
                    if ((IssuerEventId is null || IssuerEventId.Contains(b.IssuerEventId)) && (!Current || b.IsCurrent))
                    {
                        WriteObject(b);
                    }
                }

                return;
            }

            foreach (ZsepPrice p in gateway.GetPrices())
            {
                if ((IssuerEventId is null || IssuerEventId.Contains(p.IssuerEventId)) && (!Current || p.IsCurrent))
                {
                    WriteObject(p);
                }
            }
        }
    }

    /// <summary>
    /// Publish-ZsepTierLabel: sends a tier label table (Publish Tier Labels, SE 1.4 D.4.2.4.9) as one command; a
    /// table longer than one frame travels APS-fragmented.
    /// </summary>
    [Cmdlet("Publish", "ZsepTierLabel", SupportsShouldProcess = true, DefaultParameterSetName = "Node")]
    [OutputType(typeof(ZsepTierLabelTable))]
    public sealed class PublishZsepTierLabelCommand : SmartEnergySendCmdlet
    {
        /// <summary>Tier id to label (up to 12 bytes each): @{ 1 = 'Off-peak'; 2 = 'Peak' }, or labels in tier order 1, 2, ...</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public object Label { get; set; } = Array.Empty<string>();

        [Parameter]
        public uint IssuerTariffId { get; set; } = 1;

        [Parameter]
        public uint ProviderId { get; set; } = 1;

        /// <summary>Default: one above the highest price issuer event id.</summary>
        [Parameter]
        public uint? IssuerEventId { get; set; }

        protected override void Send(Gateway gateway, IReadOnlyList<Eui64>? nodes, string target)
        {
            var labels = new List<ZsepTierLabel>();
            object value = Label is PSObject pso ? pso.BaseObject : Label;
            try
            {
                if (value is System.Collections.IDictionary map)
                {
                    foreach (System.Collections.DictionaryEntry entry in map)
                    {
                        labels.Add(new ZsepTierLabel(Convert.ToByte(PSObject.AsPSObject(entry.Key).BaseObject, System.Globalization.CultureInfo.InvariantCulture),
                            entry.Value?.ToString() ?? string.Empty));
                    }
                }
                else
                {
                    IEnumerable<object> items = value is System.Collections.IEnumerable e && value is not string ? e.Cast<object>() : new[] { value };
                    byte tier = 1;
                    foreach (object item in items)
                    {
                        labels.Add(new ZsepTierLabel(tier++, item?.ToString() ?? string.Empty));
                    }
                }
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException)
            {
                WriteError(new ErrorRecord(new ArgumentException("A tier id is a number from 0 to 255.", ex), "InvalidTierLabel", ErrorCategory.InvalidArgument, Label));
                return;
            }

            labels = labels.OrderBy(l => l.TierId).ToList();
            if (labels.Count == 0 || labels.Any(l => System.Text.Encoding.UTF8.GetByteCount(l.Label) > 12))
            {
                WriteError(new ErrorRecord(new ArgumentException("Give one to 255 tier labels of at most 12 bytes each."), "InvalidTierLabel", ErrorCategory.InvalidArgument, Label));
                return;
            }

            uint id = IssuerEventId ?? gateway.NextPriceIssuerEventId();
            if (!ShouldProcess(target, $"Publish {labels.Count} tier labels of tariff {IssuerTariffId}"))
            {
                return;
            }

            SendAndWrite(gateway, nodes, () => gateway.PublishTierLabels(ProviderId, id, IssuerTariffId, labels, nodes, Gateway.SmartEnergyTimeout, CancellationToken), r => r.Deliveries);
        }
    }
}
