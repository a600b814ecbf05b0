using System;
using System.Collections.Generic;
using System.Text;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zcl.SmartEnergy;

namespace Zsep.Stack.Tests.SmartEnergy
{
    /// <summary>Seeded random valid Smart Energy commands built through the public constructors.</summary>
    internal static class SeRandom
    {
        public static uint U32(Random r) => (uint)r.Next(1 << 16) << 16 | (uint)r.Next(1 << 16);

        public static byte U8(Random r) => (byte)r.Next(256);

        public static ushort U16(Random r) => (ushort)r.Next(65536);

        public static ZclUtcTime Time(Random r) => new ZclUtcTime(r.Next(4) == 0 ? 0u : U32(r));

        public static ZclOctets Octets(Random r, int max)
        {
            int pick = r.Next(10);
            if (pick == 0)
            {
                return ZclOctets.Invalid;
            }

            if (pick < 5)
            {
                var sb = new StringBuilder();
                int n = r.Next(max + 1);
                for (int i = 0; i < n; i++)
                {
                    sb.Append((char)('A' + r.Next(26)));
                }

                return ZclOctets.FromText(sb.ToString());
            }

            byte[] b = new byte[r.Next(max + 1)];
            r.NextBytes(b);
            return new ZclOctets(b);
        }

        public static string Text(Random r, int max)
        {
            const string alphabet = "abcXYZ 019.,!é€😀";
            var sb = new StringBuilder();
            int n = r.Next(max + 1);
            for (int i = 0; i < n; i++)
            {
                sb.Append(alphabet[r.Next(alphabet.Length - 2)]);
            }

            if (r.Next(5) == 0)
            {
                sb.Append("😀");
            }

            return sb.ToString();
        }

        public static PublishPrice PublishPrice(Random r)
        {
            var p = new PublishPrice(U32(r), Octets(r, 12), U32(r), Time(r), (MeteringUnitOfMeasure)U8(r), U16(r),
                (byte)r.Next(16), (byte)r.Next(16), (byte)r.Next(16), (byte)r.Next(16), Time(r), U16(r), U32(r));
            int optional = r.Next(14); // how many optional fields, all set up to there
            return p with
            {
                PriceRatio = optional > 0 ? U8(r) : null,
                GenerationPrice = optional > 1 ? U32(r) : null,
                GenerationPriceRatio = optional > 2 ? U8(r) : null,
                AlternateCostDelivered = optional > 3 ? U32(r) : null,
                AlternateCostUnit = optional > 4 ? U8(r) : null,
                AlternateCostTrailingDigit = optional > 5 ? (byte)r.Next(16) : null,
                NumberOfBlockThresholds = optional > 6 ? U8(r) : null,
                PriceControl = optional > 7 ? (PriceControlFlags)U8(r) : null,
                NumberOfGenerationTiers = optional > 8 ? U8(r) : null,
                GenerationTier = optional > 9 ? U8(r) : null,
                ExtendedNumberOfPriceTiers = optional > 10 ? U8(r) : null,
                ExtendedPriceTier = optional > 11 ? U8(r) : null,
                ExtendedRegisterTier = optional > 12 ? U8(r) : null,
            };
        }

        public static PublishTierLabels PublishTierLabels(Random r)
        {
            var labels = new List<PriceTierLabel>();
            int n = r.Next(r.Next(8) == 0 ? 60 : 8);
            for (int i = 0; i < n; i++)
            {
                labels.Add(new PriceTierLabel(U8(r), Octets(r, 12)));
            }

            return new PublishTierLabels(U32(r), U32(r), U32(r), U8(r), U8(r), labels);
        }

        public static LoadControlEvent LoadControlEvent(Random r) => new LoadControlEvent(
            U32(r), (LoadControlDeviceClass)U16(r), U8(r), Time(r), U16(r), (LoadControlCriticality)U8(r), U8(r), U8(r),
            (short)U16(r), (short)U16(r), (sbyte)U8(r), U8(r), (LoadControlEventControl)U8(r));

        public static ReportEventStatus ReportEventStatus(Random r)
        {
            var s = new ReportEventStatus(U32(r), (LoadControlEventStatus)U8(r), Time(r), (LoadControlCriticality)U8(r), U16(r), U16(r),
                (sbyte)U8(r), U8(r), (LoadControlEventControl)U8(r), U8(r));
            if (r.Next(2) == 0)
            {
                byte[] sig = new byte[42];
                r.NextBytes(sig);
                s = s with { Signature = new ZclOctets(sig) };
            }

            return s;
        }

        public static SmartEnergyCommand Any(Random r)
        {
            switch (r.Next(19))
            {
                case 0: return PublishPrice(r);
                case 1: return new PublishBlockPeriod(U32(r), U32(r), Time(r), (uint)r.Next(1 << 24), U8(r), U8(r), U8(r), U8(r));
                case 2: return PublishTierLabels(r);
                case 3: return new GetCurrentPrice(U8(r));
                case 4: return new GetScheduledPrices(Time(r), U8(r));
                case 5: return new PriceAcknowledgement(U32(r), U32(r), Time(r), U8(r));
                case 6: return new GetBlockPeriods(Time(r), U8(r), r.Next(2) == 0 ? null : U8(r));
                case 7: return new GetTierLabels(U32(r));
                case 8: return LoadControlEvent(r);
                case 9: return new CancelLoadControlEvent(U32(r), (LoadControlDeviceClass)U16(r), U8(r), (LoadControlCancelControl)U8(r), Time(r));
                case 10: return new CancelAllLoadControlEvents((LoadControlCancelControl)U8(r));
                case 11: return ReportEventStatus(r);
                case 12: return new GetScheduledEvents(Time(r), U8(r), r.Next(2) == 0 ? null : U32(r));
                case 13:
                    return new DisplayMessage(U32(r), new MessageControl(U8(r)), Time(r), U16(r), Text(r, 60), r.Next(2) == 0 ? null : U8(r))
                    {
                        Protected = r.Next(3) == 0,
                    };
                case 14: return new CancelMessage(U32(r), new MessageControl(U8(r)));
                case 15: return new CancelAllMessages(Time(r));
                case 16: return new GetLastMessage();
                case 17:
                {
                    int k = r.Next(3);
                    return new MessageConfirmation(U32(r), Time(r), k > 0 ? (MessageConfirmationControl)U8(r) : null, k > 1 ? Octets(r, 20) : null);
                }

                default: return new GetMessageCancellation(Time(r));
            }
        }
    }
}
