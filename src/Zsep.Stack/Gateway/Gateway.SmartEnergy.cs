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
    /// What the ESI's Smart Energy servers share (SE 1.4, 07-5356-21, Annex D): choosing the devices a command goes to,
    /// sending one command to many devices (APS-acknowledged unicasts, APS-secured with each device's link key as
    /// every SE cluster frame to or from the Trust Center is, paced and with bounded concurrency, one retry), and the
    /// registration of the Price, DRLC and Messaging handlers on the ESI endpoint.
    /// </summary>
    public sealed partial class Gateway
    {
        /// <summary>Store kinds of the published commands.</summary>
        public const string PriceKind = "Price";
        public const string TierLabelsKind = "TierLabels";
        public const string BlockPeriodKind = "BlockPeriod";
        public const string LoadControlEventKind = "LoadControlEvent";
        public const string MessageKind = "Message";

        /// <summary>Trace code of a Smart Energy command the ESI published, cancelled or sent.</summary>
        public const string SePublishedTraceCode = "SE_PUBLISHED";

        /// <summary>Trace code of a status a device reported (Report Event Status, Message Confirmation, Price Acknowledgement).</summary>
        public const string SeStatusTraceCode = "SE_STATUS";

        /// <summary>How long the gateway waits for a device's Default Response to a published command (network time).</summary>
        public static readonly TimeSpan SmartEnergyTimeout = TimeSpan.FromSeconds(30);

        private const int SeMaxConcurrency = 16;

        /// <summary>How many times a command goes to a device that does not answer.</summary>
        private const int SeAttempts = 3;

        /// <summary>The network's time as a ZCL UTCTime.</summary>
        private ZclUtcTime UtcNow => ZclUtcTime.FromDateTime(Scheduler.Now.UtcDateTime);

        /// <summary>A UTCTime as network time; 0 ("now") is now.</summary>
        private DateTimeOffset ToTime(ZclUtcTime t) =>
            t.IsNow || t.IsInvalid ? Scheduler.Now : new DateTimeOffset(DateTime.SpecifyKind(t.ToDateTime()!.Value, DateTimeKind.Utc));

        private static ZclUtcTime ToUtc(DateTimeOffset t) => ZclUtcTime.FromDateTime(t.UtcDateTime);

        /// <summary>A fresh id for <paramref name="kind"/>: one above the highest stored, or the seconds since 2000 (UTCTime) on an empty store.</summary>
        private uint NextSeId(string kind)
        {
            uint? max = Store.GetMaxSeCommandId(kind);
            uint now = UtcNow.Seconds;
            return max is uint m ? Math.Max(m + 1, 1) : Math.Max(now, 1);
        }

        /// <summary>Called by <see cref="ConfigureEsi"/>: the Price, DRLC and Messaging servers of the ESI get their handlers.</summary>
        private void AddSmartEnergyServers(ZclEndpoint esi)
        {
            if (esi.GetServer(PriceCommands.ClusterId) is { } price)
            {
                AddPriceHandlers(price);
            }

            if (esi.GetServer(DrlcCommands.ClusterId) is { } drlc)
            {
                AddLoadControlHandlers(drlc);
            }

            if (esi.GetServer(MessagingCommands.ClusterId) is { } messaging)
            {
                AddMessagingHandlers(messaging);
            }
        }

        /// <summary>A device addressed by a Smart Energy command.</summary>
        private readonly record struct SeTarget(Eui64 Node, NwkAddress Address, byte Endpoint, bool Chosen);

        /// <summary>
        /// The devices a command for client cluster <paramref name="clientCluster"/> goes to: the nodes named, or (null)
        /// every node whose interview shows that client cluster, plus the nodes not yet interviewed. A named node
        /// not in the network is a <see cref="SmartEnergyException"/> (UnknownNode).
        /// </summary>
        private List<SeTarget> SeTargets(IReadOnlyList<Eui64>? nodes, ushort clientCluster)
        {
            var targets = new List<SeTarget>();
            if (nodes is not null)
            {
                foreach (Eui64 node in nodes.Distinct())
                {
                    NodeRecord record = Store.GetNode(node) ?? throw new SmartEnergyException(SmartEnergyError.UnknownNode, $"{node} is not a node of {Name}.", nameof(nodes));
                    targets.Add(new SeTarget(node, record.NwkAddress, ClientEndpointOf(node, clientCluster) ?? 1, true));
                }

                return targets;
            }

            foreach (NodeRecord record in Store.GetNodes())
            {
                if (record.Ieee == Config.CoordinatorIeee)
                {
                    continue;
                }

                ZsepNodeInterview? interview = GetInterview(record.Ieee);
                byte? endpoint = ClientEndpointOf(record.Ieee, clientCluster);
                if (interview is { Status: ZsepInterviewStatus.Complete } && endpoint is null)
                {
                    continue; // not a client of this cluster
                }

                targets.Add(new SeTarget(record.Ieee, record.NwkAddress, endpoint ?? 1, false));
            }

            return targets;
        }

        private byte? ClientEndpointOf(Eui64 node, ushort clientCluster) =>
            GetInterview(node)?.Endpoints.FirstOrDefault(e => e.ProfileId == Zsep.Stack.Node.ZigbeeNode.SmartEnergyProfileId && e.OutClusters.Contains(clientCluster))?.Endpoint;

        /// <summary>
        /// Sends one server-to-client command to every target from the ESI and waits for each device's Default
        /// Response (at most <see cref="SeMaxConcurrency"/> in flight, 25 ms apart; a device that does not answer is
        /// asked again, <see cref="SeAttempts"/> times in all). Each outcome is stored as the device's delivery; a
        /// device whose answer was lost but that has since reported a status for the command (Report Event Status)
        /// evidently has it and counts as delivered. Targets picked by "all" that turn out
        /// not to have the cluster (UNSUPPORTED_CLUSTER) are left out quietly.
        /// </summary>
        private IReadOnlyList<ZsepDelivery> SendToDevices(string kind, uint id, SmartEnergyCommand command, IReadOnlyList<SeTarget> targets,
            Func<byte[]> payload, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var results = new Dictionary<Eui64, ZsepDelivery>();
            var queue = new Queue<SeTarget>(targets);
            var attempts = new Dictionary<Eui64, int>();
            int inFlight = 0;
            int finished = 0;
            DateTimeOffset nextStart = Scheduler.Now;

            void Start(SeTarget t)
            {
                inFlight++;
                TimeSpan delay = nextStart > Scheduler.Now ? nextStart - Scheduler.Now : TimeSpan.Zero;
                nextStart = Scheduler.Now + delay + BatchRequestSpacing;
                Scheduler.Schedule(delay, () => Application.SendCommand(t.Address, t.Endpoint, command.ClusterId, command.CommandId, payload(), timeout, response =>
                {
                    inFlight--;
                    finished++;
                    attempts[t.Node] = attempts.TryGetValue(t.Node, out int n) ? n + 1 : 1;
                    if (response.Status != ZclTransactionStatus.Success && attempts[t.Node] < SeAttempts)
                    {
                        queue.Enqueue(t);
                        return;
                    }

                    ZclStatus? status = response.DefaultResponse?.Status;
                    bool delivered = response.Status == ZclTransactionStatus.Success && (status is null || status == ZclStatus.Success);
                    string result = response.Status != ZclTransactionStatus.Success ? response.Status.ToString() : (status ?? ZclStatus.Success).ToString();
                    results[t.Node] = new ZsepDelivery
                    {
                        Network = Name,
                        Node = t.Node,
                        NwkAddress = t.Address,
                        Endpoint = t.Endpoint,
                        Command = command.CommandName,
                        Id = id,
                        Delivered = delivered,
                        Result = result,
                    };
                }, ZclDirection.ServerToClient, EsiEndpoint));
            }

            while (queue.Count > 0 || inFlight > 0)
            {
                while (inFlight < SeMaxConcurrency && queue.Count > 0)
                {
                    Start(queue.Dequeue());
                }

                int before = finished;
                RunUntil(() => finished != before, timeout + TimeSpan.FromMinutes(1), cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                if (finished == before)
                {
                    break; // every request has its own timeout on the loop; this is only a guard
                }
            }

            var list = new List<ZsepDelivery>();
            foreach (SeTarget t in targets)
            {
                ZsepDelivery d = results.TryGetValue(t.Node, out ZsepDelivery? r) ? r : new ZsepDelivery
                {
                    Network = Name, Node = t.Node, NwkAddress = t.Address, Endpoint = t.Endpoint, Command = command.CommandName, Id = id,
                    Result = nameof(ZclTransactionStatus.Timeout),
                };
                if (!t.Chosen && d.Result == nameof(ZclStatus.UnsupportedCluster))
                {
                    continue;
                }

                if (!d.Delivered && d.Result == nameof(ZclTransactionStatus.Timeout) &&
                    Store.GetSeDeviceResponses(kind, id).Any(r => r.Ieee == t.Node && r.Status is not null))
                {
                    d = d with { Delivered = true, Result = nameof(ZclStatus.Success) };
                }

                Store.SetSeDelivery(kind, id, t.Node, d.Result);
                list.Add(d);
            }

            Trace.Info(SePublishedTraceCode, $"{command.CommandName} {id}: {list.Count(d => d.Delivered)} of {list.Count} devices");
            return list;
        }

        private IReadOnlyList<ZsepDelivery> DeliveriesOf(string kind, uint id, string commandName) =>
            Store.GetSeDeviceResponses(kind, id).Where(r => r.Delivery is not null).Select(r => new ZsepDelivery
            {
                Network = Name,
                Node = r.Ieee,
                NwkAddress = Store.GetNode(r.Ieee)?.NwkAddress,
                Command = commandName,
                Id = id,
                Delivered = r.Delivery == nameof(ZclStatus.Success),
                Result = r.Delivery!,
            }).ToList();

        /// <summary>The IEEE address of a request's sender, or null (traced) when the gateway does not know it.</summary>
        private Eui64? SenderOf(ZclRequestContext context)
        {
            if (context.SourceIeee is Eui64 ieee)
            {
                return ieee;
            }

            Trace.Write(TraceLevel.Warning, SeStatusTraceCode, context.Source, $"0x{context.Cluster.ClusterId:X4} command 0x{context.Header.CommandId:X2} from an unknown device");
            return null;
        }
    }
}
