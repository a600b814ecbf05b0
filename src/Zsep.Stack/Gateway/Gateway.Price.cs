using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Zsep.Stack.Application;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zcl.SmartEnergy;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// The ESI's Price server (SE 1.4, 07-5356-19, D.4): a schedule of prices kept in the store, Publish Price to
    /// devices, answers to Get Current Price (D.4.2.3.1) and Get Scheduled Prices (D.4.2.3.2) from the schedule,
    /// Publish Block Period (D.4.2.4.2) and Publish Tier Labels (D.4.2.4.9) - a table longer than one frame goes
    /// whole, APS-fragmented (05-3474 2.2.8.4.5), rather than split over several commands.
    /// </summary>
    public sealed partial class Gateway
    {
        /// <summary>The issuer event id the next price gets unless one is given.</summary>
        public uint NextPriceIssuerEventId() => NextSeId(PriceKind);

        /// <summary>
        /// Adds <paramref name="price"/> to the schedule (its issuer event id replaces an entry with the same id; a start
        /// time of 0 means now and is stored as the time it was published) and publishes it to <paramref name="nodes"/>,
        /// or to every Price client when null. Current Time is stamped when each copy leaves.
        /// </summary>
        public ZsepPrice PublishPrice(PublishPrice price, IReadOnlyList<Eui64>? nodes, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            if (price is null)
            {
                throw new ArgumentNullException(nameof(price));
            }

            List<SeTarget> targets = SeTargets(nodes, PriceCommands.ClusterId);
            ZclUtcTime startUtc = price.StartTime.IsNow ? UtcNow : price.StartTime;
            DateTimeOffset start = ToTime(startUtc);
            PublishPrice stored = price with { StartTime = startUtc, CurrentTime = ZclUtcTime.Now };
            stored.ToArray(); // a field that does not fit is the caller's error, before anything is stored
            var row = new SeCommandRow(PriceKind, price.IssuerEventId, stored.ToArray(), start, Scheduler.Now, null);
            Store.SaveSeCommand(row, replace: true);
            Trace.Info(SePublishedTraceCode, $"PublishPrice {price.IssuerEventId}: {price.Price} from {start:u}");
            IReadOnlyList<ZsepDelivery> deliveries = SendToDevices(PriceKind, price.IssuerEventId, stored, targets,
                () => (stored with { CurrentTime = UtcNow }).ToArray(), timeout, cancellationToken);
            return ToPrice(row, CurrentPriceRow()) with { Deliveries = deliveries };
        }

        /// <summary>The price schedule, by start time.</summary>
        public IReadOnlyList<ZsepPrice> GetPrices()
        {
            SeCommandRow? current = CurrentPriceRow();
            return Store.GetSeCommands(PriceKind).Select(r => ToPrice(r, current) with { Deliveries = DeliveriesOf(PriceKind, r.Id, "PublishPrice") }).ToList();
        }

        /// <summary>The price that applies now, or null.</summary>
        public ZsepPrice? GetCurrentPrice() => CurrentPriceRow() is { } row ? ToPrice(row, row) : null;

        /// <summary>
        /// Publishes a tier label table (tier id to label) to <paramref name="nodes"/> or every Price client, as one
        /// command; it is stored by issuer tariff id and answers Get Tier Labels.
        /// </summary>
        public ZsepTierLabelTable PublishTierLabels(uint providerId, uint issuerEventId, uint issuerTariffId, IReadOnlyList<ZsepTierLabel> labels,
            IReadOnlyList<Eui64>? nodes, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            if (labels is null || labels.Count == 0)
            {
                throw new ArgumentException("Give at least one tier label.", nameof(labels));
            }

            var command = new PublishTierLabels(providerId, issuerEventId, issuerTariffId, 0, 1,
                labels.Select(l => new PriceTierLabel(l.TierId, ZclOctets.FromText(l.Label))).ToList());
            if (labels.Any(l => System.Text.Encoding.UTF8.GetByteCount(l.Label ?? string.Empty) > 12))
            {
                throw new ArgumentException("A tier label is at most 12 bytes (SE 1.4 D.4.2.2.3.1).", nameof(labels));
            }

            byte[] payload = command.ToArray();
            List<SeTarget> targets = SeTargets(nodes, PriceCommands.ClusterId);
            var row = new SeCommandRow(TierLabelsKind, issuerTariffId, payload, null, Scheduler.Now, null);
            Store.SaveSeCommand(row, replace: true);
            IReadOnlyList<ZsepDelivery> deliveries = SendToDevices(TierLabelsKind, issuerTariffId, command, targets, () => payload, timeout, cancellationToken);
            return ToTierLabels(row) with { Deliveries = deliveries };
        }

        /// <summary>The tier label tables published, by issuer tariff id.</summary>
        public IReadOnlyList<ZsepTierLabelTable> GetTierLabels() =>
            Store.GetSeCommands(TierLabelsKind).OrderBy(r => r.Id)
                .Select(r => ToTierLabels(r) with { Deliveries = DeliveriesOf(TierLabelsKind, r.Id, "PublishTierLabels") }).ToList();

        /// <summary>The issuer event id the next block period gets unless one is given: above every price's and block period's.</summary>
        public uint NextBlockPeriodIssuerEventId() => Math.Max(NextSeId(PriceKind), NextSeId(BlockPeriodKind));

        /// <summary>
        /// Adds <paramref name="blockPeriod"/> to the block periods (its issuer event id replaces an entry with the same
        /// id; a start time of 0 means now and is stored as the time it was published) and publishes it (D.4.2.4.2) to
        /// <paramref name="nodes"/>, or to every Price client when null. It answers Get Block Periods (D.4.2.3.3).
        /// </summary>
        public ZsepBlockPeriod PublishBlockPeriod(PublishBlockPeriod blockPeriod, IReadOnlyList<Eui64>? nodes, TimeSpan timeout,
            CancellationToken cancellationToken = default)
        {
            if (blockPeriod is null)
            {
                throw new ArgumentNullException(nameof(blockPeriod));
            }

            List<SeTarget> targets = SeTargets(nodes, PriceCommands.ClusterId);
            ZclUtcTime startUtc = blockPeriod.BlockPeriodStartTime.IsNow ? UtcNow : blockPeriod.BlockPeriodStartTime;
            DateTimeOffset start = ToTime(startUtc);
            PublishBlockPeriod stored = blockPeriod with { BlockPeriodStartTime = startUtc };
            byte[] payload = stored.ToArray(); // a field that does not fit is the caller's error, before anything is stored
            var row = new SeCommandRow(BlockPeriodKind, blockPeriod.IssuerEventId, payload, start, Scheduler.Now, null);
            Store.SaveSeCommand(row, replace: true);
            Trace.Info(SePublishedTraceCode, $"PublishBlockPeriod {blockPeriod.IssuerEventId} from {start:u}");
            IReadOnlyList<ZsepDelivery> deliveries = SendToDevices(BlockPeriodKind, blockPeriod.IssuerEventId, stored, targets, () => payload, timeout, cancellationToken);
            return ToBlockPeriod(row) with { Deliveries = deliveries };
        }

        /// <summary>The block periods published, by start time.</summary>
        public IReadOnlyList<ZsepBlockPeriod> GetBlockPeriods() =>
            Store.GetSeCommands(BlockPeriodKind).OrderBy(r => r.StartTime).ThenBy(r => r.Id)
                .Select(r => ToBlockPeriod(r) with { Deliveries = DeliveriesOf(BlockPeriodKind, r.Id, "PublishBlockPeriod") }).ToList();

        private ZsepBlockPeriod ToBlockPeriod(SeCommandRow row)
        {
            PublishBlockPeriod b = Zsep.Stack.Zcl.SmartEnergy.PublishBlockPeriod.Decode(row.Command);
            DateTimeOffset start = row.StartTime ?? row.PublishedAt;
            var timebase = (BlockPeriodDurationTimebase)(b.BlockPeriodDurationType & 0x0F);
            DateTimeOffset now = Scheduler.Now;
            bool untilChanged = b.BlockPeriodDuration == ZsepBlockPeriod.UntilChanged;
            return new ZsepBlockPeriod
            {
                Network = Name,
                IssuerEventId = b.IssuerEventId,
                ProviderId = b.ProviderId,
                StartTime = start,
                Duration = untilChanged ? null : b.BlockPeriodDuration,
                DurationTimebase = timebase,
                DurationControl = (BlockPeriodDurationControl)(b.BlockPeriodDurationType >> 4),
                BlockPeriodControl = (BlockPeriodControlFlags)b.BlockPeriodControl,
                TariffType = (PriceTariffType)(b.TariffType & 0x0F),
                TariffResolutionPeriod = (TariffResolutionPeriod)b.TariffResolutionPeriod,
                Published = row.PublishedAt,
                IsCurrent = row.CancelledAt is null && start <= now && (untilChanged || ZsepBlockPeriod.EndOf(start, b.BlockPeriodDuration, timebase) > now),
                Command = b,
            };
        }

        private SeCommandRow? CurrentPriceRow()
        {
            DateTimeOffset now = Scheduler.Now;
            return Store.GetSeCommands(PriceKind)
                .Where(r => r.CancelledAt is null && r.StartTime <= now && (EndOf(r) is not DateTimeOffset end || end > now))
                .OrderBy(r => r.StartTime).ThenBy(r => r.Id).LastOrDefault();
        }

        private static DateTimeOffset? EndOf(SeCommandRow price)
        {
            ushort duration = Zsep.Stack.Zcl.SmartEnergy.PublishPrice.Decode(price.Command).DurationInMinutes;
            return duration == Zsep.Stack.Zcl.SmartEnergy.PublishPrice.UntilChanged ? null : price.StartTime?.AddMinutes(duration);
        }

        private ZsepPrice ToPrice(SeCommandRow row, SeCommandRow? current)
        {
            PublishPrice p = Zsep.Stack.Zcl.SmartEnergy.PublishPrice.Decode(row.Command);
            return new ZsepPrice
            {
                Network = Name,
                IssuerEventId = p.IssuerEventId,
                ProviderId = p.ProviderId,
                RateLabel = p.RateLabel.Text,
                UnitOfMeasure = p.UnitOfMeasure,
                Currency = p.Currency,
                PriceTrailingDigit = p.PriceTrailingDigit,
                PriceTier = p.PriceTier,
                NumberOfPriceTiers = p.NumberOfPriceTiers,
                StartTime = row.StartTime ?? row.PublishedAt,
                DurationMinutes = p.DurationInMinutes == Zsep.Stack.Zcl.SmartEnergy.PublishPrice.UntilChanged ? null : p.DurationInMinutes,
                Price = p.Price,
                PriceRatio = p.PriceRatio,
                GenerationPrice = p.GenerationPrice,
                AlternateCostDelivered = p.AlternateCostDelivered,
                Published = row.PublishedAt,
                IsCurrent = current is not null && current.Id == row.Id,
                Command = p,
            };
        }

        private ZsepTierLabelTable ToTierLabels(SeCommandRow row)
        {
            PublishTierLabels t = Zsep.Stack.Zcl.SmartEnergy.PublishTierLabels.Decode(row.Command);
            return new ZsepTierLabelTable
            {
                Network = Name,
                IssuerTariffId = t.IssuerTariffId,
                ProviderId = t.ProviderId,
                IssuerEventId = t.IssuerEventId,
                Labels = t.Labels.Select(l => new ZsepTierLabel(l.TierId, l.TierLabel.Text)).ToList(),
                PayloadLength = row.Command.Length,
                Published = row.PublishedAt,
            };
        }

        private void AddPriceHandlers(ZclClusterServer price)
        {
            price.Handle(PriceCommands.GetCurrentPrice, context =>
            {
                Zsep.Stack.Zcl.SmartEnergy.GetCurrentPrice.Decode(context.Payload);
                if (CurrentPriceRow() is not { } row)
                {
                    return ZclStatus.NotFound;
                }

                context.Respond(PriceCommands.PublishPrice, (Zsep.Stack.Zcl.SmartEnergy.PublishPrice.Decode(row.Command) with { CurrentTime = UtcNow }).ToArray());
                return ZclStatus.Success;
            });

            price.Handle(PriceCommands.GetScheduledPrices, context =>
            {
                GetScheduledPrices request = GetScheduledPrices.Decode(context.Payload);
                DateTimeOffset from = ToTime(request.StartTime);
                IEnumerable<SeCommandRow> rows = Store.GetSeCommands(PriceKind)
                    .Where(r => r.CancelledAt is null && (EndOf(r) is not DateTimeOffset end || end > from));
                if (request.NumberOfEvents != 0)
                {
                    rows = rows.Take(request.NumberOfEvents);
                }

                List<SeCommandRow> list = rows.ToList();
                if (list.Count == 0)
                {
                    return ZclStatus.NotFound;
                }

                // D.4.2.3.2: the server answers with a Publish Price command for each scheduled price.
                foreach (SeCommandRow row in list)
                {
                    context.Respond(PriceCommands.PublishPrice, (Zsep.Stack.Zcl.SmartEnergy.PublishPrice.Decode(row.Command) with { CurrentTime = UtcNow }).ToArray());
                }

                return ZclStatus.Success;
            });

            price.Handle(PriceCommands.PriceAcknowledgement, context =>
            {
                PriceAcknowledgement ack = PriceAcknowledgement.Decode(context.Payload);
                if (SenderOf(context) is Eui64 node)
                {
                    Store.AddSeDeviceStatus(PriceKind, ack.IssuerEventId, node, 1, Scheduler.Now);
                    Trace.Info(SeStatusTraceCode, node, $"PriceAcknowledgement {ack.IssuerEventId}");
                }

                return ZclStatus.Success;
            });

            price.Handle(PriceCommands.GetTierLabels, context =>
            {
                Zsep.Stack.Zcl.SmartEnergy.GetTierLabels request = Zsep.Stack.Zcl.SmartEnergy.GetTierLabels.Decode(context.Payload);
                if (Store.GetSeCommand(TierLabelsKind, request.IssuerTariffId) is not { } row)
                {
                    return ZclStatus.NotFound;
                }

                context.Respond(PriceCommands.PublishTierLabels, row.Command);
                return ZclStatus.Success;
            });

            price.Handle(PriceCommands.GetBlockPeriods, context =>
            {
                // D.4.2.3.3: the block periods in force at the start time (0: now) or starting after it, earliest first, at
                // most Number of Events of them (0: all), of the Tariff Type asked for when the request carries one;
                // each goes back as a Publish Block Period command.
                Zsep.Stack.Zcl.SmartEnergy.GetBlockPeriods request = Zsep.Stack.Zcl.SmartEnergy.GetBlockPeriods.Decode(context.Payload);
                DateTimeOffset from = request.StartTime.IsNow ? Scheduler.Now : ToTime(request.StartTime);
                IEnumerable<ZsepBlockPeriod> periods = Store.GetSeCommands(BlockPeriodKind).Where(r => r.CancelledAt is null).Select(ToBlockPeriod)
                    .Where(b => (b.EndTime is not DateTimeOffset end || end > from) &&
                                (request.TariffType is not byte type || (byte)b.TariffType == (type & 0x0F)))
                    .OrderBy(b => b.StartTime).ThenBy(b => b.IssuerEventId);
                if (request.NumberOfEvents != 0)
                {
                    periods = periods.Take(request.NumberOfEvents);
                }

                List<ZsepBlockPeriod> list = periods.ToList();
                if (list.Count == 0)
                {
                    return ZclStatus.NotFound;
                }

                foreach (ZsepBlockPeriod b in list)
                {
                    context.Respond(PriceCommands.PublishBlockPeriod, b.Command!.ToArray());
                }

                return ZclStatus.Success;
            });
        }
    }
}
