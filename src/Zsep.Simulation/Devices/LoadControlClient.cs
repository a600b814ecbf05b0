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
    /// <summary>A load control event as a simulated load control device holds it, with the statuses it reported.</summary>
    public sealed class SimulatedLoadControlEvent
    {
        private readonly List<LoadControlEventStatus> _history = new List<LoadControlEventStatus>();

        internal SimulatedLoadControlEvent(LoadControlEvent command, DateTimeOffset start, DateTimeOffset end, NwkAddress server, byte serverEndpoint)
        {
            Command = command;
            Start = start;
            End = end;
            Server = server;
            ServerEndpoint = serverEndpoint;
        }

        public LoadControlEvent Command { get; }

        public uint IssuerEventId => Command.IssuerEventId;

        public DateTimeOffset Start { get; }

        public DateTimeOffset End { get; }

        public NwkAddress Server { get; }

        public byte ServerEndpoint { get; }

        /// <summary>The statuses reported, in order.</summary>
        public IReadOnlyList<LoadControlEventStatus> History => _history;

        public LoadControlEventStatus? Status => _history.Count == 0 ? null : _history[_history.Count - 1];

        /// <summary>The device shed load for this event (started and not opted out).</summary>
        public bool Participating { get; internal set; }

        public bool Finished { get; internal set; }

        internal IScheduledItem? StartTimer { get; set; }

        internal IScheduledItem? EndTimer { get; set; }

        internal void Add(LoadControlEventStatus status) => _history.Add(status);

        public override string ToString() => $"{IssuerEventId} {Start:u}-{End:u}: {Status}";
    }

    /// <summary>
    /// The DRLC client of a simulated load control device (SE 1.4, 07-5356-19, D.2.3): it acts on Load Control Event
    /// commands for its device class and enrollment group in virtual time and says so with Report Event Status
    /// (D.2.3.3.1) at each step - command received, started at the start time (or user opted out when
    /// <see cref="OptOut"/> is set), completed at the end (or completed with no user participation) - and
    /// cancels on Cancel Load Control Event / Cancel All. An issuer event id it already holds is not a new event: it
    /// answers with its current status again.
    /// </summary>
    public sealed class LoadControlClient
    {
        private readonly ZclApplication _application;
        private readonly IStackScheduler _scheduler;
        private readonly Dictionary<uint, SimulatedLoadControlEvent> _events = new Dictionary<uint, SimulatedLoadControlEvent>();
        private readonly Queue<(SimulatedLoadControlEvent Event, byte[] Payload)> _outbox = new Queue<(SimulatedLoadControlEvent, byte[])>();
        private bool _optOut;
        private bool _sending;

        internal LoadControlClient(ZclApplication application, ZclEndpoint endpoint, IStackScheduler scheduler)
        {
            _application = application;
            _scheduler = scheduler;
            Endpoint = endpoint.Endpoint;
            ZclClusterServer drlc = endpoint.AddClient(DrlcCommands.ClusterId);
            drlc.Handle(DrlcCommands.LoadControlEvent, OnLoadControlEvent);
            drlc.Handle(DrlcCommands.CancelLoadControlEvent, OnCancel);
            drlc.Handle(DrlcCommands.CancelAllLoadControlEvents, OnCancelAll);
        }

        public byte Endpoint { get; }

        /// <summary>How many times in all a report the ESI does not confirm is sent.</summary>
        public const int ReportAttempts = 4;

        /// <summary>The default of <see cref="ReportJitter"/>.</summary>
        public static readonly TimeSpan DefaultReportJitter = TimeSpan.FromSeconds(5);

        /// <summary>
        /// Most random delay before a Report Event Status leaves (default 5 s; zero: at once), as SE devices spread
        /// what they send when one command reaches many of them at the same instant. The APS layer delivers a burst
        /// of fragmented frames sent at the same instant (Zsep.Simulation.Tests FragmentedBurstTests), but through the
        /// ESI - report, block acknowledgements, Default Response and its acknowledgement, over two hops - 30 reports
        /// at the same instant with their APS retries, all inside the same 3-3.6 s windows, exceed what one channel
        /// carries around the coordinator: about one report in five exhausts apsMaxFrameRetries on MAC no-acks
        /// (hidden-terminal collisions). Spread over 5 s, every report arrives on APS retries alone.
        /// </summary>
        public TimeSpan ReportJitter { get; set; } = DefaultReportJitter;

        /// <summary>The loads this device controls (events for other classes are ignored, D.2.2.3.1.1.1). Default: every class.</summary>
        public LoadControlDeviceClass DeviceClass { get; set; } = LoadControlDeviceClass.All;

        /// <summary>Utility Enrollment Group (0: events for group 0 only, and events for all groups).</summary>
        public byte UtilityEnrollmentGroup { get; set; }

        /// <summary>
        /// The user opts out of load control: events starting from now report UserOptedOut instead of EventStarted;
        /// switching it during a running event reports UserOptedOut or UserOptedIn for it.
        /// </summary>
        public bool OptOut
        {
            get => _optOut;
            set
            {
                if (_optOut == value)
                {
                    return;
                }

                _optOut = value;
                foreach (SimulatedLoadControlEvent e in _events.Values.Where(e => !e.Finished && e.StartTimer is null && e.History.Count > 1).ToList())
                {
                    e.Participating = !value;
                    Report(e, value ? LoadControlEventStatus.UserOptedOut : LoadControlEventStatus.UserOptedIn);
                }
            }
        }

        /// <summary>The events received, by issuer event id.</summary>
        public IReadOnlyList<SimulatedLoadControlEvent> Events => _events.Values.OrderBy(e => e.IssuerEventId).ToList();

        public SimulatedLoadControlEvent? GetEvent(uint issuerEventId) => _events.TryGetValue(issuerEventId, out SimulatedLoadControlEvent? e) ? e : null;

        private DateTimeOffset Now => _scheduler.Now;

        private ZclStatus OnLoadControlEvent(ZclRequestContext context)
        {
            LoadControlEvent command = LoadControlEvent.Decode(context.Payload);
            if (_events.TryGetValue(command.IssuerEventId, out SimulatedLoadControlEvent? known))
            {
                // The same issuer event id again (a retry, or the server re-sending): not a second event.
                if (known.Status is LoadControlEventStatus current)
                {
                    Send(known, current);
                }

                return ZclStatus.Success;
            }

            if ((command.DeviceClass & DeviceClass) == 0 ||
                (command.UtilityEnrollmentGroup != 0 && command.UtilityEnrollmentGroup != UtilityEnrollmentGroup))
            {
                return ZclStatus.Success; // not for this device (D.2.2.3.1.1.1)
            }

            DateTimeOffset start = command.StartTime.IsNow ? Now : new DateTimeOffset(DateTime.SpecifyKind(command.StartTime.ToDateTime()!.Value, DateTimeKind.Utc));
            DateTimeOffset end = start.AddMinutes(command.DurationInMinutes);
            var e = new SimulatedLoadControlEvent(command, start, end, context.Source, context.SourceEndpoint);
            _events[command.IssuerEventId] = e;
            if (end <= Now)
            {
                e.Finished = true;
                Report(e, LoadControlEventStatus.RejectedEventExpired);
                return ZclStatus.Success;
            }

            Report(e, LoadControlEventStatus.LoadControlEventCommandReceived);
            e.StartTimer = _scheduler.Schedule(start > Now ? start - Now : TimeSpan.Zero, () => Begin(e));
            return ZclStatus.Success;
        }

        private void Begin(SimulatedLoadControlEvent e)
        {
            e.StartTimer = null;
            if (e.Finished)
            {
                return;
            }

            e.Participating = !OptOut;
            Report(e, OptOut ? LoadControlEventStatus.UserOptedOut : LoadControlEventStatus.EventStarted);
            e.EndTimer = _scheduler.Schedule(e.End > Now ? e.End - Now : TimeSpan.Zero, () => Finish(e));
        }

        private void Finish(SimulatedLoadControlEvent e)
        {
            e.EndTimer = null;
            if (e.Finished)
            {
                return;
            }

            e.Finished = true;
            bool optedOut = e.History.Contains(LoadControlEventStatus.UserOptedOut);
            Report(e, !optedOut ? LoadControlEventStatus.EventCompleted
                : e.Participating || e.History.Contains(LoadControlEventStatus.EventStarted) ? LoadControlEventStatus.PartiallyCompletedWithUserOptOut
                : LoadControlEventStatus.CompletedNoUserParticipation);
        }

        private ZclStatus OnCancel(ZclRequestContext context)
        {
            CancelLoadControlEvent cancel = CancelLoadControlEvent.Decode(context.Payload);
            if (!_events.TryGetValue(cancel.IssuerEventId, out SimulatedLoadControlEvent? e))
            {
                // D.2.3.3.1: a cancel for an event the device does not hold is answered "Rejected - Undefined Event".
                var unknown = new SimulatedLoadControlEvent(new LoadControlEvent(cancel.IssuerEventId, cancel.DeviceClass, cancel.UtilityEnrollmentGroup,
                    ZclUtcTime.Now, 1, LoadControlCriticality.Reserved), Now, Now, context.Source, context.SourceEndpoint);
                Send(unknown, LoadControlEventStatus.RejectedUndefinedEvent);
                return ZclStatus.Success;
            }

            Cancel(e);
            return ZclStatus.Success;
        }

        private ZclStatus OnCancelAll(ZclRequestContext context)
        {
            CancelAllLoadControlEvents.Decode(context.Payload);
            foreach (SimulatedLoadControlEvent e in _events.Values.ToList())
            {
                Cancel(e);
            }

            return ZclStatus.Success;
        }

        private void Cancel(SimulatedLoadControlEvent e)
        {
            if (e.Finished)
            {
                return;
            }

            e.StartTimer?.Cancel();
            e.EndTimer?.Cancel();
            e.StartTimer = e.EndTimer = null;
            e.Finished = true;
            Report(e, LoadControlEventStatus.EventCancelled);
        }

        private void Report(SimulatedLoadControlEvent e, LoadControlEventStatus status)
        {
            e.Add(status);
            Send(e, status);
        }

        /// <summary>Report Event Status to the server the event came from (SE 1.4 D.2.3.3.1), unsigned.</summary>
        private void Send(SimulatedLoadControlEvent e, LoadControlEventStatus status)
        {
            LoadControlEvent c = e.Command;
            bool applied = e.Participating && status == LoadControlEventStatus.EventStarted;
            var report = new ReportEventStatus(c.IssuerEventId, status, ZclUtcTime.FromDateTime(Now.UtcDateTime), c.CriticalityLevel,
                applied && c.CoolingTemperatureSetPoint != LoadControlEvent.SetPointNotUsed ? unchecked((ushort)c.CoolingTemperatureSetPoint) : ReportEventStatus.SetPointNotUsed,
                applied && c.HeatingTemperatureSetPoint != LoadControlEvent.SetPointNotUsed ? unchecked((ushort)c.HeatingTemperatureSetPoint) : ReportEventStatus.SetPointNotUsed,
                applied ? c.AverageLoadAdjustmentPercentage : LoadControlEvent.AverageLoadAdjustmentNotUsed,
                applied ? c.DutyCycle : LoadControlEvent.DutyCycleNotUsed,
                c.EventControl);
            _outbox.Enqueue((e, report.ToArray()));
            if (!_sending)
            {
                SendNext();
            }
        }

        /// <summary>
        /// Reports leave one at a time, in order (received before started before completed), each after a random delay
        /// of up to <see cref="ReportJitter"/>. Delivery is first the APS layer's, with acknowledgement and retries
        /// (05-3474 2.2.8.4.2; the report is 60 bytes, so APS-fragmented, 2.2.8.4.5). When thirty devices report at once
        /// over two hops, hidden-terminal collisions still exhaust the APS retries of about one report in a hundred, so a
        /// report the ESI did not confirm (no Default Response within 30 s) goes again after 2-10 s, up to
        /// <see cref="ReportAttempts"/> times in all, as field devices do; the ESI counts a repeated status once.
        /// </summary>
        private void SendNext()
        {
            if (_outbox.Count == 0)
            {
                _sending = false;
                return;
            }

            _sending = true;
            (SimulatedLoadControlEvent e, byte[] payload) = _outbox.Dequeue();
            int jitter = (int)ReportJitter.TotalMilliseconds;
            TimeSpan delay = jitter > 0 ? TimeSpan.FromMilliseconds(_scheduler.Random.Next(0, jitter)) : TimeSpan.Zero;
            _scheduler.Schedule(delay, () => SendReport(e, payload, 1));
        }

        private void SendReport(SimulatedLoadControlEvent e, byte[] payload, int attempt) =>
            _application.SendCommand(e.Server, e.ServerEndpoint, DrlcCommands.ClusterId, DrlcCommands.ReportEventStatus, payload,
                TimeSpan.FromSeconds(30), r =>
                {
                    if (r.Status != ZclTransactionStatus.Success && attempt < ReportAttempts)
                    {
                        _scheduler.Schedule(TimeSpan.FromMilliseconds(_scheduler.Random.Next(2000, 10000)), () => SendReport(e, payload, attempt + 1));
                        return;
                    }

                    SendNext();
                }, ZclDirection.ClientToServer, Endpoint);
    }
}
