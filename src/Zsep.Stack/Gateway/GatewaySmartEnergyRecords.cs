using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zcl.SmartEnergy;

namespace Zsep.Stack.Gateway
{
    /// <summary>How one published Smart Energy command reached one device.</summary>
    public sealed record ZsepDelivery
    {
        public string Network { get; init; } = "";

        public Eui64 Node { get; init; }

        public NwkAddress? NwkAddress { get; init; }

        public byte Endpoint { get; init; }

        /// <summary>The command's name ("PublishPrice", "LoadControlEvent", ...).</summary>
        public string Command { get; init; } = "";

        /// <summary>Issuer event id, issuer tariff id or message id.</summary>
        public uint Id { get; init; }

        /// <summary>True when the device acknowledged it with a Default Response of SUCCESS.</summary>
        public bool Delivered { get; init; }

        /// <summary>"Success", a ZCL status the device answered with, or NoAck / NoRoute / Timeout.</summary>
        public string Result { get; init; } = "";

        public override string ToString() => $"{Command} {Id} -> {Node}: {Result}";
    }

    /// <summary>A price in the ESI's schedule (Publish Price, SE 1.4 07-5356-19 D.4.2.4.1), as Get-ZsepPrice shows it.</summary>
    public sealed record ZsepPrice
    {
        public string Network { get; init; } = "";

        public uint IssuerEventId { get; init; }

        public uint ProviderId { get; init; }

        public string RateLabel { get; init; } = "";

        public MeteringUnitOfMeasure UnitOfMeasure { get; init; }

        /// <summary>ISO 4217 numeric currency code (826 GBP, 978 EUR, 840 USD).</summary>
        public ushort Currency { get; init; }

        /// <summary>The ISO 4217 letters of <see cref="Currency"/> when known.</summary>
        public string CurrencyCode => Iso4217.ToCode(Currency) ?? Currency.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public byte PriceTrailingDigit { get; init; }

        public byte PriceTier { get; init; }

        public byte NumberOfPriceTiers { get; init; }

        public DateTimeOffset StartTime { get; init; }

        /// <summary>Minutes the price applies; null: until changed (0xFFFF).</summary>
        public ushort? DurationMinutes { get; init; }

        /// <summary>Null when the price holds until changed.</summary>
        public DateTimeOffset? EndTime => DurationMinutes is ushort d ? StartTime.AddMinutes(d) : null;

        /// <summary>The raw Price field (currency units per unit of measure, <see cref="PriceTrailingDigit"/> digits after the point).</summary>
        public uint Price { get; init; }

        /// <summary>The price with its decimal point placed: Price / 10^PriceTrailingDigit.</summary>
        public decimal PriceValue => Price / Pow10(PriceTrailingDigit);

        public byte? PriceRatio { get; init; }

        public uint? GenerationPrice { get; init; }

        public uint? AlternateCostDelivered { get; init; }

        public DateTimeOffset Published { get; init; }

        /// <summary>The price applies at the network's current time.</summary>
        public bool IsCurrent { get; init; }

        /// <summary>The full command as it goes on the air (CurrentTime is set when sent).</summary>
        public PublishPrice? Command { get; init; }

        /// <summary>How the price reached each device it was published to.</summary>
        public IReadOnlyList<ZsepDelivery> Deliveries { get; init; } = Array.Empty<ZsepDelivery>();

        internal static decimal Pow10(int digits)
        {
            decimal p = 1;
            for (int i = 0; i < digits; i++)
            {
                p *= 10;
            }

            return p;
        }

        public override string ToString() => $"{IssuerEventId} {RateLabel} {PriceValue} {CurrencyCode}/{UnitOfMeasure} from {StartTime:u}";
    }

    /// <summary>One tier's label.</summary>
    public sealed record ZsepTierLabel(byte TierId, string Label)
    {
        public override string ToString() => $"{TierId}={Label}";
    }

    /// <summary>A tier label table the ESI published (Publish Tier Labels, SE 1.4 D.4.2.4.9).</summary>
    public sealed record ZsepTierLabelTable
    {
        public string Network { get; init; } = "";

        public uint IssuerTariffId { get; init; }

        public uint ProviderId { get; init; }

        public uint IssuerEventId { get; init; }

        public IReadOnlyList<ZsepTierLabel> Labels { get; init; } = Array.Empty<ZsepTierLabel>();

        /// <summary>Encoded size of the command payload (above one frame's room it travels APS-fragmented).</summary>
        public int PayloadLength { get; init; }

        public DateTimeOffset Published { get; init; }

        public IReadOnlyList<ZsepDelivery> Deliveries { get; init; } = Array.Empty<ZsepDelivery>();

        public override string ToString() => $"tariff {IssuerTariffId}: {Labels.Count} labels";
    }

    /// <summary>Block Period Duration Type, bits 0-3: the unit of the Block Period Duration (SE 1.4 07-5356-19 D.4.2.4.2.5, Table D-111).</summary>
    public enum BlockPeriodDurationTimebase : byte
    {
        Minutes = 0x0,
        Days = 0x1,
        Weeks = 0x2,
        Months = 0x3,
    }

    /// <summary>Block Period Duration Type, bits 4-7: where in its timebase the block period starts (SE 1.4 D.4.2.4.2.5, Table D-112).</summary>
    public enum BlockPeriodDurationControl : byte
    {
        StartOfTimebase = 0x0,
        EndOfTimebase = 0x1,
        NotSpecified = 0x2,
    }

    /// <summary>Block Period Control (SE 1.4 D.4.2.4.2.4, Table D-110).</summary>
    [Flags]
    public enum BlockPeriodControlFlags : byte
    {
        None = 0,

        /// <summary>Bit 0: devices answer with Price Acknowledgement.</summary>
        PriceAcknowledgementRequired = 0x01,

        /// <summary>Bit 1: the block period repeats (the next one starts when this one ends) until changed.</summary>
        RepeatingBlock = 0x02,
    }

    /// <summary>Tariff Type, bits 0-3 (SE 1.4 D.4.2.4.2.6, Table D-113).</summary>
    public enum PriceTariffType : byte
    {
        DeliveredTariff = 0x0,
        ReceivedTariff = 0x1,
        DeliveredAndReceivedTariff = 0x2,
    }

    /// <summary>Tariff Resolution Period: the period over which block thresholds apply (SE 1.4 D.4.2.4.2.7, Table D-114).</summary>
    public enum TariffResolutionPeriod : byte
    {
        NotDefined = 0x00,
        BlockPeriod = 0x01,
        OneDay = 0x02,
    }

    /// <summary>A block period the ESI published (Publish Block Period, SE 1.4 D.4.2.4.2), as Get-ZsepPrice -BlockPeriod shows it.</summary>
    public sealed record ZsepBlockPeriod
    {
        /// <summary>Block Period Duration meaning "until changed".</summary>
        public const uint UntilChanged = 0xFFFFFF;

        public string Network { get; init; } = "";

        public uint IssuerEventId { get; init; }

        public uint ProviderId { get; init; }

        public DateTimeOffset StartTime { get; init; }

        /// <summary>The duration in <see cref="DurationTimebase"/> units; null: until changed.</summary>
        public uint? Duration { get; init; }

        public BlockPeriodDurationTimebase DurationTimebase { get; init; }

        public BlockPeriodDurationControl DurationControl { get; init; }

        /// <summary>Null when the block period holds until changed.</summary>
        public DateTimeOffset? EndTime => Duration is uint d ? EndOf(StartTime, d, DurationTimebase) : null;

        public BlockPeriodControlFlags BlockPeriodControl { get; init; }

        public PriceTariffType TariffType { get; init; }

        public TariffResolutionPeriod TariffResolutionPeriod { get; init; }

        public DateTimeOffset Published { get; init; }

        /// <summary>The block period applies at the network's current time.</summary>
        public bool IsCurrent { get; init; }

        /// <summary>The command as it goes on the air.</summary>
        public PublishBlockPeriod? Command { get; init; }

        public IReadOnlyList<ZsepDelivery> Deliveries { get; init; } = Array.Empty<ZsepDelivery>();

        /// <summary>
        /// The end of a block period of <paramref name="duration"/> units of <paramref name="timebase"/> from
        /// <paramref name="start"/> (a timebase this stack does not know counts in minutes; past the calendar's end, its end).
        /// </summary>
        public static DateTimeOffset EndOf(DateTimeOffset start, uint duration, BlockPeriodDurationTimebase timebase)
        {
            try
            {
                return timebase switch
                {
                    BlockPeriodDurationTimebase.Days => start.AddDays(duration),
                    BlockPeriodDurationTimebase.Weeks => start.AddDays(7.0 * duration),
                    BlockPeriodDurationTimebase.Months => start.AddMonths((int)duration),
                    _ => start.AddMinutes(duration),
                };
            }
            catch (ArgumentOutOfRangeException)
            {
                return DateTimeOffset.MaxValue;
            }
        }

        public override string ToString() =>
            $"block period {IssuerEventId} from {StartTime:u}" + (Duration is uint d ? $" for {d} {DurationTimebase.ToString().ToLowerInvariant()}" : " until changed");
    }

    /// <summary>One device's part in a load control event: delivery and the statuses it reported (SE 1.4 D.2.3.3.1 Table D-9).</summary>
    public sealed record ZsepLoadControlStatus
    {
        public string Network { get; init; } = "";

        public uint IssuerEventId { get; init; }

        public Eui64 Node { get; init; }

        /// <summary>"Success", or why the event did not reach the device (null when it was not sent from here).</summary>
        public string? Delivery { get; init; }

        /// <summary>The last status the device reported, or null when it reported none.</summary>
        public LoadControlEventStatus? Status { get; init; }

        public DateTimeOffset? StatusTime { get; init; }

        /// <summary>Every status the device reported, in order.</summary>
        public IReadOnlyList<LoadControlEventStatus> History { get; init; } = Array.Empty<LoadControlEventStatus>();

        public bool OptedOut => History.Contains(LoadControlEventStatus.UserOptedOut) && !History.Contains(LoadControlEventStatus.UserOptedIn);

        public override string ToString() => $"{IssuerEventId} {Node}: {Status?.ToString() ?? Delivery ?? "-"}";
    }

    /// <summary>Where a load control event stands.</summary>
    public enum ZsepLoadControlEventState
    {
        Scheduled,
        Active,
        Completed,
        Cancelled,
    }

    /// <summary>A load control event of the DRLC server (Load Control Event, SE 1.4 D.2.2.3.1) and each device's status.</summary>
    public sealed record ZsepLoadControlEvent
    {
        public string Network { get; init; } = "";

        public uint IssuerEventId { get; init; }

        public LoadControlDeviceClass DeviceClass { get; init; }

        public byte UtilityEnrollmentGroup { get; init; }

        public LoadControlCriticality Criticality { get; init; }

        public DateTimeOffset StartTime { get; init; }

        public ushort DurationMinutes { get; init; }

        public DateTimeOffset EndTime => StartTime.AddMinutes(DurationMinutes);

        public ZsepLoadControlEventState State { get; init; }

        public DateTimeOffset Created { get; init; }

        public DateTimeOffset? Cancelled { get; init; }

        /// <summary>False when the issuer event id already named this event (nothing new was created).</summary>
        public bool IsNew { get; init; }

        public LoadControlEvent? Command { get; init; }

        public IReadOnlyList<ZsepLoadControlStatus> Devices { get; init; } = Array.Empty<ZsepLoadControlStatus>();

        public int Started => Devices.Count(d => d.History.Contains(LoadControlEventStatus.EventStarted));

        public int Completed => Devices.Count(d => d.History.Contains(LoadControlEventStatus.EventCompleted));

        public int OptedOut => Devices.Count(d => d.OptedOut);

        public override string ToString() => $"{IssuerEventId} {DeviceClass} {Criticality} {StartTime:u} {DurationMinutes} min: {State}";
    }

    /// <summary>A device's Message Confirmation (SE 1.4 D.5.3.3.2).</summary>
    public sealed record ZsepMessageConfirmation
    {
        public string Network { get; init; } = "";

        public uint MessageId { get; init; }

        public Eui64 Node { get; init; }

        public DateTimeOffset? ConfirmationTime { get; init; }

        /// <summary>"Yes" / "No" when the device sent a Message Confirmation Control, else null.</summary>
        public string? Answer { get; init; }

        public string? Response { get; init; }

        public override string ToString() => $"{MessageId} {Node} at {ConfirmationTime:u}";
    }

    /// <summary>A message the Messaging server sent (Display Message, SE 1.4 D.5.2.3.1) and the confirmations received.</summary>
    public sealed record ZsepMessage
    {
        public string Network { get; init; } = "";

        public uint MessageId { get; init; }

        public string Text { get; init; } = "";

        public MessageImportance Importance { get; init; }

        public bool ConfirmationRequired { get; init; }

        public DateTimeOffset StartTime { get; init; }

        /// <summary>Null: until changed.</summary>
        public ushort? DurationMinutes { get; init; }

        public DateTimeOffset Sent { get; init; }

        public IReadOnlyList<ZsepDelivery> Deliveries { get; init; } = Array.Empty<ZsepDelivery>();

        public IReadOnlyList<ZsepMessageConfirmation> Confirmations { get; init; } = Array.Empty<ZsepMessageConfirmation>();

        public override string ToString() => $"{MessageId} {Importance}: {Text}";
    }

    /// <summary>ISO 4217 numeric currency codes and their letters, for the ones a Smart Energy deployment names most.</summary>
    public static class Iso4217
    {
        private static readonly (string Code, ushort Number)[] Table =
        {
            ("AUD", 36), ("CAD", 124), ("CHF", 756), ("CNY", 156), ("CZK", 203), ("DKK", 208), ("EUR", 978), ("GBP", 826),
            ("HKD", 344), ("INR", 356), ("JPY", 392), ("MXN", 484), ("NOK", 578), ("NZD", 554), ("PLN", 985), ("SEK", 752),
            ("SGD", 702), ("USD", 840), ("ZAR", 710),
        };

        /// <summary>A numeric code ("826") or letters ("GBP", any case).</summary>
        public static bool TryParse(string? text, out ushort number)
        {
            number = 0;
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            string t = text!.Trim();
            if (ushort.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number))
            {
                return number <= 999;
            }

            foreach ((string code, ushort n) in Table)
            {
                if (string.Equals(code, t, StringComparison.OrdinalIgnoreCase))
                {
                    number = n;
                    return true;
                }
            }

            return false;
        }

        public static string? ToCode(ushort number)
        {
            foreach ((string code, ushort n) in Table)
            {
                if (n == number)
                {
                    return code;
                }
            }

            return null;
        }
    }
}

namespace Zsep.Stack.Gateway
{
    /// <summary>Why a Smart Energy request was refused.</summary>
    public enum SmartEnergyError
    {
        /// <summary>A node named is not a node of the network.</summary>
        UnknownNode,

        /// <summary>The issuer event id already names an event with other fields.</summary>
        IssuerEventIdInUse,

        /// <summary>The event was cancelled; it cannot be sent again.</summary>
        EventCancelled,

        /// <summary>No event (or message) with that id.</summary>
        EventNotFound,
    }

    /// <summary>A Smart Energy request the gateway refused; <see cref="Reason"/> says why (the cmdlets' error id).</summary>
    public sealed class SmartEnergyException : ArgumentException
    {
        public SmartEnergyException(SmartEnergyError reason, string message, string? paramName = null)
            : base(message, paramName)
        {
            Reason = reason;
        }

        public SmartEnergyError Reason { get; }
    }
}
