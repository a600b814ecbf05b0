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
    /// The ESI's Demand Response and Load Control server (SE 1.4, 07-5356-19, D.2): events kept by issuer event id
    /// (one id names one event: sending an id again re-sends that event and never makes a second one), sent to
    /// devices, cancelled one or all (D.2.2.3.2, D.2.2.3.3), and each device's Report Event Status (D.2.3.3.1) kept
    /// per event and device. Get Scheduled Events (D.2.3.3.2) is answered from the store.
    /// </summary>
    public sealed partial class Gateway
    {
        /// <summary>Event Status values after which a device does nothing more for the event.</summary>
        private static readonly HashSet<LoadControlEventStatus> FinalStatuses = new HashSet<LoadControlEventStatus>
        {
            LoadControlEventStatus.EventCompleted, LoadControlEventStatus.EventCancelled, LoadControlEventStatus.EventSuperseded,
            LoadControlEventStatus.PartiallyCompletedWithUserOptOut, LoadControlEventStatus.PartiallyCompletedDueToUserOptIn,
            LoadControlEventStatus.CompletedNoUserParticipation, LoadControlEventStatus.RejectedInvalidCancelCommand,
            LoadControlEventStatus.RejectedInvalidEffectiveTime, LoadControlEventStatus.RejectedEventExpired,
            LoadControlEventStatus.RejectedUndefinedEvent, LoadControlEventStatus.LoadControlEventCommandRejected,
        };

        /// <summary>Counts the statuses received, so waits re-read the store only when something changed.</summary>
        private int _seStatusVersion;

        /// <summary>The issuer event id the next load control event gets unless one is given.</summary>
        public uint NextLoadControlIssuerEventId() => NextSeId(LoadControlEventKind);

        /// <summary>
        /// Creates the event (a start time of 0 is now, stored as the time it was sent) and sends it to
        /// <paramref name="nodes"/>, or to every DRLC client when null. When the issuer event id already names an event,
        /// that event is sent again and nothing new is stored (IsNew false); different fields under a known id are a
        /// <see cref="SmartEnergyException"/> (IssuerEventIdInUse), as is a cancelled one (EventCancelled).
        /// </summary>
        public ZsepLoadControlEvent SendLoadControlEvent(LoadControlEvent loadControlEvent, IReadOnlyList<Eui64>? nodes, TimeSpan timeout,
            CancellationToken cancellationToken = default)
        {
            if (loadControlEvent is null)
            {
                throw new ArgumentNullException(nameof(loadControlEvent));
            }

            if (loadControlEvent.DurationInMinutes == 0 || loadControlEvent.DurationInMinutes > LoadControlEvent.MaximumDurationInMinutes)
            {
                throw new ArgumentException($"An event lasts 1 to {LoadControlEvent.MaximumDurationInMinutes} minutes (SE 1.4 D.2.2.3.1.1.1).", nameof(loadControlEvent));
            }

            List<SeTarget> targets = SeTargets(nodes, DrlcCommands.ClusterId);
            uint id = loadControlEvent.IssuerEventId;
            LoadControlEvent stored;
            bool isNew;
            if (Store.GetSeCommand(LoadControlEventKind, id) is { } existing)
            {
                stored = LoadControlEvent.Decode(existing.Command);
                LoadControlEvent asked = loadControlEvent.StartTime.IsNow ? loadControlEvent with { StartTime = stored.StartTime } : loadControlEvent;
                if (asked != stored)
                {
                    throw new SmartEnergyException(SmartEnergyError.IssuerEventIdInUse, $"Issuer event id {id} already names an event with other fields ({stored.DeviceClass}, {stored.CriticalityLevel}, " +
                        $"{stored.DurationInMinutes} min); an issuer event id names one event, so a changed event needs a new id.", nameof(loadControlEvent));
                }

                if (existing.CancelledAt is not null)
                {
                    throw new SmartEnergyException(SmartEnergyError.EventCancelled, $"The event with issuer event id {id} was cancelled at {existing.CancelledAt:u}; send a new event with a new id.", nameof(loadControlEvent));
                }

                isNew = false;
            }
            else
            {
                ZclUtcTime start = loadControlEvent.StartTime.IsNow ? UtcNow : loadControlEvent.StartTime;
                stored = loadControlEvent with { StartTime = start };
                isNew = Store.SaveSeCommand(new SeCommandRow(LoadControlEventKind, id, stored.ToArray(), ToTime(start), Scheduler.Now, null), replace: false);
                Trace.Info(SePublishedTraceCode, $"LoadControlEvent {id}: {stored.DeviceClass} {stored.CriticalityLevel} from {ToTime(start):u} for {stored.DurationInMinutes} min");
            }

            byte[] payload = stored.ToArray();
            SendToDevices(LoadControlEventKind, id, stored, targets, () => payload, timeout, cancellationToken);
            return GetLoadControlEvent(id)! with { IsNew = isNew };
        }

        /// <summary>
        /// Cancels one event (Cancel Load Control Event to the devices it went to) or, with a null id, every event not yet
        /// cancelled (Cancel All Load Control Events to every DRLC client). Returns the events cancelled. An unknown id
        /// is a <see cref="SmartEnergyException"/> (EventNotFound).
        /// </summary>
        public IReadOnlyList<ZsepLoadControlEvent> StopLoadControlEvent(uint? issuerEventId, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            if (issuerEventId is uint id)
            {
                SeCommandRow row = Store.GetSeCommand(LoadControlEventKind, id) ?? throw new SmartEnergyException(SmartEnergyError.EventNotFound, $"No load control event with issuer event id {id}.", nameof(issuerEventId));
                LoadControlEvent e = LoadControlEvent.Decode(row.Command);
                var sentTo = Store.GetSeDeviceResponses(LoadControlEventKind, id).Select(r => r.Ieee).Where(n => Store.GetNode(n) is not null).ToList();
                List<SeTarget> targets = sentTo.Count > 0 ? SeTargets(sentTo, DrlcCommands.ClusterId) : SeTargets(null, DrlcCommands.ClusterId);
                Store.CancelSeCommand(LoadControlEventKind, id, Scheduler.Now);
                var cancel = new CancelLoadControlEvent(id, e.DeviceClass, e.UtilityEnrollmentGroup, LoadControlCancelControl.None, ZclUtcTime.Now);
                byte[] payload = cancel.ToArray();
                SendToDevices("LoadControlCancel", id, cancel, targets, () => payload, timeout, cancellationToken);
                return new[] { GetLoadControlEvent(id)! };
            }

            List<SeCommandRow> open = Store.GetSeCommands(LoadControlEventKind).Where(r => r.CancelledAt is null).ToList();
            foreach (SeCommandRow row in open)
            {
                Store.CancelSeCommand(LoadControlEventKind, row.Id, Scheduler.Now);
            }

            var all = new CancelAllLoadControlEvents(LoadControlCancelControl.None);
            byte[] bytes = all.ToArray();
            SendToDevices("LoadControlCancelAll", UtcNow.Seconds, all, SeTargets(null, DrlcCommands.ClusterId), () => bytes, timeout, cancellationToken);
            return open.Select(r => GetLoadControlEvent(r.Id)!).ToList();
        }

        /// <summary>Every load control event, by start time, with each device's status.</summary>
        public IReadOnlyList<ZsepLoadControlEvent> GetLoadControlEvents()
        {
            ILookup<uint, SeDeviceResponseRow> devices = Store.GetSeDeviceResponses(LoadControlEventKind).ToLookup(r => r.Id);
            return Store.GetSeCommands(LoadControlEventKind).Select(r => ToLoadControlEvent(r, devices[r.Id])).ToList();
        }

        public ZsepLoadControlEvent? GetLoadControlEvent(uint issuerEventId) =>
            Store.GetSeCommand(LoadControlEventKind, issuerEventId) is { } row
                ? ToLoadControlEvent(row, Store.GetSeDeviceResponses(LoadControlEventKind, issuerEventId))
                : null;

        /// <summary>
        /// Drives the network until every device the event reached has reported a final status (completed, opted out
        /// to the end, cancelled, rejected) or <paramref name="limit"/> passes; returns the event as it stands.
        /// </summary>
        public ZsepLoadControlEvent WaitForLoadControlEvent(uint issuerEventId, TimeSpan limit, CancellationToken cancellationToken = default)
        {
            ZsepLoadControlEvent current = GetLoadControlEvent(issuerEventId) ?? throw new SmartEnergyException(SmartEnergyError.EventNotFound, $"No load control event with issuer event id {issuerEventId}.", nameof(issuerEventId));
            int seen = -1;
            bool Done()
            {
                if (seen == _seStatusVersion)
                {
                    return false;
                }

                seen = _seStatusVersion;
                current = GetLoadControlEvent(issuerEventId)!;
                return current.Devices.Where(d => d.Delivery == nameof(ZclStatus.Success))
                    .All(d => d.Status is LoadControlEventStatus s && FinalStatuses.Contains(s));
            }

            RunUntil(Done, limit, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            return GetLoadControlEvent(issuerEventId)!;
        }

        private ZsepLoadControlEvent ToLoadControlEvent(SeCommandRow row, IEnumerable<SeDeviceResponseRow> devices)
        {
            LoadControlEvent e = LoadControlEvent.Decode(row.Command);
            DateTimeOffset start = row.StartTime ?? row.PublishedAt;
            DateTimeOffset now = Scheduler.Now;
            ZsepLoadControlEventState state = row.CancelledAt is not null ? ZsepLoadControlEventState.Cancelled
                : now < start ? ZsepLoadControlEventState.Scheduled
                : now < start.AddMinutes(e.DurationInMinutes) ? ZsepLoadControlEventState.Active
                : ZsepLoadControlEventState.Completed;
            return new ZsepLoadControlEvent
            {
                Network = Name,
                IssuerEventId = e.IssuerEventId,
                DeviceClass = e.DeviceClass,
                UtilityEnrollmentGroup = e.UtilityEnrollmentGroup,
                Criticality = e.CriticalityLevel,
                StartTime = start,
                DurationMinutes = e.DurationInMinutes,
                State = state,
                Created = row.PublishedAt,
                Cancelled = row.CancelledAt,
                IsNew = true,
                Command = e,
                Devices = devices.Select(d => new ZsepLoadControlStatus
                {
                    Network = Name,
                    IssuerEventId = d.Id,
                    Node = d.Ieee,
                    Delivery = d.Delivery,
                    Status = d.Status is byte s ? (LoadControlEventStatus)s : null,
                    StatusTime = d.StatusTime,
                    History = d.History.Select(h => (LoadControlEventStatus)h).ToList(),
                }).ToList(),
            };
        }

        private void AddLoadControlHandlers(ZclClusterServer drlc)
        {
            drlc.Handle(DrlcCommands.ReportEventStatus, context =>
            {
                ReportEventStatus report = ReportEventStatus.Decode(context.Payload);
                if (SenderOf(context) is not Eui64 node)
                {
                    return ZclStatus.Success;
                }

                if (Store.GetSeCommand(LoadControlEventKind, report.IssuerEventId) is null)
                {
                    Trace.Write(TraceLevel.Warning, SeStatusTraceCode, node, $"ReportEventStatus for unknown event {report.IssuerEventId}: {report.EventStatus}");
                    return ZclStatus.Success;
                }

                DateTimeOffset time = report.EventStatusTime.IsNow ? Scheduler.Now : ToTime(report.EventStatusTime);
                Store.AddSeDeviceStatus(LoadControlEventKind, report.IssuerEventId, node, (byte)report.EventStatus, time);
                _seStatusVersion++;
                Trace.Info(SeStatusTraceCode, node, $"ReportEventStatus {report.IssuerEventId}: {report.EventStatus}");
                return ZclStatus.Success;
            });

            drlc.Handle(DrlcCommands.GetScheduledEvents, context =>
            {
                GetScheduledEvents request = GetScheduledEvents.Decode(context.Payload);
                DateTimeOffset from = ToTime(request.StartTime);
                IEnumerable<SeCommandRow> rows = Store.GetSeCommands(LoadControlEventKind)
                    .Where(r => r.CancelledAt is null && (request.IssuerEventId is null || r.Id == request.IssuerEventId))
                    .Where(r => (r.StartTime ?? r.PublishedAt).AddMinutes(LoadControlEvent.Decode(r.Command).DurationInMinutes) > from);
                if (request.NumberOfEvents != 0)
                {
                    rows = rows.Take(request.NumberOfEvents);
                }

                List<SeCommandRow> list = rows.ToList();
                if (list.Count == 0)
                {
                    return ZclStatus.NotFound;
                }

                foreach (SeCommandRow row in list)
                {
                    context.Respond(DrlcCommands.LoadControlEvent, row.Command);
                }

                return ZclStatus.Success;
            });
        }
    }
}
