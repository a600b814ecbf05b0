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
