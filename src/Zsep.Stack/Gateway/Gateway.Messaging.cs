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
    /// The ESI's Messaging server (SE 1.4, 07-5356-19, D.5): Display Message to devices (D.5.2.3.1), the Message
    /// Confirmations they send back (D.5.3.3.2) kept per message and device, and Get Last Message (D.5.3.3.1).
    /// </summary>
    public sealed partial class Gateway
    {
        /// <summary>The message id the next message gets unless one is given.</summary>
        public uint NextMessageId() => NextSeId(MessageKind);

        /// <summary>Sends <paramref name="message"/> to <paramref name="nodes"/>, or to every Messaging client when null, and stores it.</summary>
        public ZsepMessage SendMessage(DisplayMessage message, IReadOnlyList<Eui64>? nodes, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            if (message is null)
            {
                throw new ArgumentNullException(nameof(message));
            }

            List<SeTarget> targets = SeTargets(nodes, MessagingCommands.ClusterId);
            ZclUtcTime start = message.StartTime.IsNow ? UtcNow : message.StartTime;
            DisplayMessage stored = message with { StartTime = start };
            byte[] payload = stored.ToArray();
            Store.SaveSeCommand(new SeCommandRow(MessageKind, message.MessageId, payload, ToTime(start), Scheduler.Now, null), replace: true);
            Trace.Info(SePublishedTraceCode, $"DisplayMessage {message.MessageId}: {message.MessageControl.Importance}");
            SendToDevices(MessageKind, message.MessageId, stored, targets, () => payload, timeout, cancellationToken);
            return GetMessages().First(m => m.MessageId == message.MessageId);
        }

        /// <summary>Every message sent, by start time, with the deliveries and confirmations.</summary>
        public IReadOnlyList<ZsepMessage> GetMessages()
        {
            ILookup<uint, SeDeviceResponseRow> responses = Store.GetSeDeviceResponses(MessageKind).ToLookup(r => r.Id);
            return Store.GetSeCommands(MessageKind).Select(row =>
            {
                DisplayMessage m = DisplayMessage.Decode(row.Command);
                return new ZsepMessage
                {
                    Network = Name,
                    MessageId = m.MessageId,
                    Text = m.Message,
                    Importance = m.MessageControl.Importance,
                    ConfirmationRequired = m.MessageControl.ConfirmationRequired,
                    StartTime = row.StartTime ?? row.PublishedAt,
                    DurationMinutes = m.DurationInMinutes == DisplayMessage.UntilChanged ? null : m.DurationInMinutes,
                    Sent = row.PublishedAt,
                    Deliveries = responses[row.Id].Where(r => r.Delivery is not null).Select(r => new ZsepDelivery
                    {
                        Network = Name, Node = r.Ieee, Command = "DisplayMessage", Id = row.Id,
                        Delivered = r.Delivery == nameof(ZclStatus.Success), Result = r.Delivery!,
                    }).ToList(),
                    Confirmations = responses[row.Id].Where(r => r.StatusTime is not null).Select(r => ToConfirmation(r)).ToList(),
                };
            }).ToList();
        }

        private ZsepMessageConfirmation ToConfirmation(SeDeviceResponseRow r)
        {
            MessageConfirmation? c = r.Detail is { } d ? MessageConfirmation.Decode(d) : null;
            MessageConfirmationControl? control = c?.MessageConfirmationControl;
            return new ZsepMessageConfirmation
            {
                Network = Name,
                MessageId = r.Id,
                Node = r.Ieee,
                ConfirmationTime = r.StatusTime,
                Answer = control is null ? null
                    : (control.Value & MessageConfirmationControl.YesReturned) != 0 ? "Yes"
                    : (control.Value & MessageConfirmationControl.NoReturned) != 0 ? "No" : null,
                Response = c?.MessageConfirmationResponse is ZclOctets o && !o.IsInvalid && o.Length > 0 ? o.Text : null,
            };
        }

        private void AddMessagingHandlers(ZclClusterServer messaging)
        {
            messaging.Handle(MessagingCommands.MessageConfirmation, context =>
            {
                MessageConfirmation confirmation = MessageConfirmation.Decode(context.Payload);
                if (SenderOf(context) is not Eui64 node)
                {
                    return ZclStatus.Success;
                }

                if (Store.GetSeCommand(MessageKind, confirmation.MessageId) is null)
                {
                    Trace.Write(TraceLevel.Warning, SeStatusTraceCode, node, $"MessageConfirmation for unknown message {confirmation.MessageId}");
                    return ZclStatus.NotFound;
                }

                DateTimeOffset time = confirmation.ConfirmationTime.IsNow ? Scheduler.Now : ToTime(confirmation.ConfirmationTime);
                Store.AddSeDeviceStatus(MessageKind, confirmation.MessageId, node, (byte)(confirmation.MessageConfirmationControl ?? MessageConfirmationControl.None), time,
                    context.Payload);
                _seStatusVersion++;
                Trace.Info(SeStatusTraceCode, node, $"MessageConfirmation {confirmation.MessageId}");
                return ZclStatus.Success;
            });

            messaging.Handle(MessagingCommands.GetLastMessage, context =>
            {
                SeCommandRow? last = Store.GetSeCommands(MessageKind).Where(r => r.CancelledAt is null).OrderBy(r => r.PublishedAt).ThenBy(r => r.Id).LastOrDefault();
                if (last is null)
                {
                    return ZclStatus.NotFound;
                }

                context.Respond(MessagingCommands.DisplayMessage, last.Command);
                return ZclStatus.Success;
            });
        }
    }
}
