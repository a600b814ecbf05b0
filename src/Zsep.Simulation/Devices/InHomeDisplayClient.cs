using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Application;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zcl.SmartEnergy;

namespace Zsep.Simulation.Devices
{
    /// <summary>
    /// The Price and Messaging clients of a simulated in-home display (SE 1.4, 07-5356-19, D.4.3 and D.5.3): it keeps
    /// the prices (by issuer event id), block periods and tier label tables (by issuer tariff id; a table split over
    /// several commands is merged by Command Index) it receives, acknowledges prices whose Price Control asks for it
    /// (Price Acknowledgement, D.4.2.3.3), keeps the messages it displays and, for those that require it, sends a
    /// Message Confirmation (D.5.3.3.2) after <see cref="ConfirmationDelay"/> - the time a person takes to press the
    /// button. A meter's own display keeps prices the same way, without the Messaging client.
    /// </summary>
    public sealed class InHomeDisplayClient
    {
        private readonly ZclApplication _application;
        private readonly IStackScheduler _scheduler;
        private readonly SortedDictionary<uint, PublishPrice> _prices = new SortedDictionary<uint, PublishPrice>();
        private readonly SortedDictionary<uint, PublishBlockPeriod> _blockPeriods = new SortedDictionary<uint, PublishBlockPeriod>();
        private readonly SortedDictionary<uint, SortedDictionary<byte, string>> _tierLabels = new SortedDictionary<uint, SortedDictionary<byte, string>>();
        private readonly SortedDictionary<uint, DisplayMessage> _messages = new SortedDictionary<uint, DisplayMessage>();
        private readonly List<uint> _confirmed = new List<uint>();

        internal InHomeDisplayClient(ZclApplication application, ZclEndpoint endpoint, IStackScheduler scheduler, bool withMessaging = true)
        {
            _application = application;
            _scheduler = scheduler;
            Endpoint = endpoint.Endpoint;
            ZclClusterServer price = endpoint.AddClient(PriceCommands.ClusterId);
            price.Handle(PriceCommands.PublishPrice, OnPublishPrice);
            price.Handle(PriceCommands.PublishBlockPeriod, c =>
            {
                PublishBlockPeriod b = PublishBlockPeriod.Decode(c.Payload);
                _blockPeriods[b.IssuerEventId] = b;
                _priceServerEndpoint = c.SourceEndpoint;
                return ZclStatus.Success;
            });
            price.Handle(PriceCommands.PublishTierLabels, OnPublishTierLabels);
            if (!withMessaging)
            {
                return;
            }

            ZclClusterServer messaging = endpoint.AddClient(MessagingCommands.ClusterId);
            messaging.Handle(MessagingCommands.DisplayMessage, OnDisplayMessage);
            messaging.Handle(MessagingCommands.DisplayProtectedMessage, OnDisplayMessage);
            messaging.Handle(MessagingCommands.CancelMessage, c =>
            {
                _messages.Remove(CancelMessage.Decode(c.Payload).MessageId);
                return ZclStatus.Success;
            });
            messaging.Handle(MessagingCommands.CancelAllMessages, c =>
            {
                CancelAllMessages.Decode(c.Payload);
                _messages.Clear();
                return ZclStatus.Success;
            });
        }

        public byte Endpoint { get; }

        /// <summary>How long after a message that needs confirming arrives the simulated user confirms it.</summary>
        public TimeSpan ConfirmationDelay { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>The prices received, by issuer event id (a later one with the same id replaces it).</summary>
        public IReadOnlyList<PublishPrice> Prices => _prices.Values.ToList();

        /// <summary>The block periods received (Publish Block Period, pushed or asked for), by issuer event id.</summary>
        public IReadOnlyList<PublishBlockPeriod> BlockPeriods => _blockPeriods.Values.ToList();

        /// <summary>
        /// Asks the ESI (on the coordinator) for its block periods with Get Block Periods (SE 1.4 D.4.2.3.3): those in
        /// force at <paramref name="start"/> (default now) or later, at most <paramref name="numberOfEvents"/> (0: all).
        /// The answers are Publish Block Period commands, kept as if pushed; <paramref name="completed"/> gets the
        /// outcome of the request (Success once the first answer is in, else the ZCL status or the failure).
        /// </summary>
        public void RequestBlockPeriods(ZclUtcTime? start = null, byte numberOfEvents = 0, Action<ZclResponse>? completed = null)
        {
            var request = new GetBlockPeriods(start ?? ZclUtcTime.Now, numberOfEvents);
            _application.SendCommand(NwkAddress.Coordinator, _priceServerEndpoint, PriceCommands.ClusterId, PriceCommands.GetBlockPeriods, request.ToArray(),
                TimeSpan.FromSeconds(30), r =>
                {
                    // The first answer completes the request as its response; the others arrive as commands.
                    if (r.Frame is { Foundation: null } frame && frame.Header.CommandId == PriceCommands.PublishBlockPeriod)
                    {
                        PublishBlockPeriod b = PublishBlockPeriod.Decode(frame.Payload);
                        _blockPeriods[b.IssuerEventId] = b;
                    }

                    completed?.Invoke(r);
                }, ZclDirection.ClientToServer, Endpoint);
        }

        /// <summary>The ESI's endpoint: where the last price command came from (the gateway's ESI is endpoint 1).</summary>
        private byte _priceServerEndpoint = 1;

        /// <summary>The messages displayed (cancelled ones are gone).</summary>
        public IReadOnlyList<DisplayMessage> Messages => _messages.Values.ToList();

        /// <summary>Ids of the messages the display sent a confirmation for.</summary>
        public IReadOnlyList<uint> ConfirmedMessages => _confirmed.ToList();

        /// <summary>The tier labels received for <paramref name="issuerTariffId"/> (tier id to label), or null.</summary>
        public IReadOnlyDictionary<byte, string>? GetTierLabels(uint issuerTariffId) =>
            _tierLabels.TryGetValue(issuerTariffId, out SortedDictionary<byte, string>? t) ? t : null;

        /// <summary>The issuer tariff ids of the tier label tables received.</summary>
        public IReadOnlyList<uint> TierLabelTariffs => _tierLabels.Keys.ToList();

        /// <summary>The price that applies now of those received (latest start not after now, not ended), or null.</summary>
        public PublishPrice? CurrentPrice
        {
            get
            {
                uint now = ZclUtcTime.FromDateTime(_scheduler.Now.UtcDateTime).Seconds;
                return _prices.Values
                    .Where(p => p.StartTime.Seconds <= now && (p.DurationInMinutes == PublishPrice.UntilChanged || p.StartTime.Seconds + (p.DurationInMinutes * 60u) > now))
                    .OrderBy(p => p.StartTime.Seconds).ThenBy(p => p.IssuerEventId).LastOrDefault();
            }
        }

        private ZclStatus OnPublishPrice(ZclRequestContext context)
        {
            PublishPrice price = PublishPrice.Decode(context.Payload);
            _prices[price.IssuerEventId] = price;
            _priceServerEndpoint = context.SourceEndpoint;
            if (price.PriceControl is PriceControlFlags control && (control & PriceControlFlags.PriceAcknowledgementRequired) != 0)
            {
                var ack = new PriceAcknowledgement(price.ProviderId, price.IssuerEventId, ZclUtcTime.FromDateTime(_scheduler.Now.UtcDateTime), (byte)control);
                _application.SendCommand(context.Source, context.SourceEndpoint, PriceCommands.ClusterId, PriceCommands.PriceAcknowledgement, ack.ToArray(),
                    TimeSpan.FromSeconds(30), null, ZclDirection.ClientToServer, Endpoint);
            }

            return ZclStatus.Success;
        }

        private ZclStatus OnPublishTierLabels(ZclRequestContext context)
        {
            PublishTierLabels table = PublishTierLabels.Decode(context.Payload);
            if (!_tierLabels.TryGetValue(table.IssuerTariffId, out SortedDictionary<byte, string>? labels) || table.CommandIndex == 0)
            {
                // A new table (or the first command of a new transmission of it) replaces what was held.
                _tierLabels[table.IssuerTariffId] = labels = new SortedDictionary<byte, string>();
            }

            foreach (PriceTierLabel l in table.Labels)
            {
                labels[l.TierId] = l.TierLabel.Text;
            }

            return ZclStatus.Success;
        }

        private ZclStatus OnDisplayMessage(ZclRequestContext context)
        {
            DisplayMessage message = DisplayMessage.Decode(context.Payload);
            bool known = _messages.ContainsKey(message.MessageId);
            _messages[message.MessageId] = message;
            if (message.MessageControl.ConfirmationRequired && !known && !_confirmed.Contains(message.MessageId))
            {
                NwkAddress server = context.Source;
                byte serverEndpoint = context.SourceEndpoint;
                _scheduler.Schedule(ConfirmationDelay, () => Confirm(message.MessageId, server, serverEndpoint, retry: true));
            }

            return ZclStatus.Success;
        }

        private void Confirm(uint messageId, NwkAddress server, byte serverEndpoint, bool retry)
        {
            if (!_confirmed.Contains(messageId))
            {
                _confirmed.Add(messageId);
            }

            var confirmation = new MessageConfirmation(messageId, ZclUtcTime.FromDateTime(_scheduler.Now.UtcDateTime), MessageConfirmationControl.YesReturned);
            _application.SendCommand(server, serverEndpoint, MessagingCommands.ClusterId, MessagingCommands.MessageConfirmation, confirmation.ToArray(),
                TimeSpan.FromSeconds(30), r =>
                {
                    if (r.Status != ZclTransactionStatus.Success && retry)
                    {
                        Confirm(messageId, server, serverEndpoint, retry: false);
                    }
                }, ZclDirection.ClientToServer, Endpoint);
        }
    }
}
