using System;
using System.Collections.Generic;
using System.Linq;
using Zsep.Stack.Application;
using Zsep.Stack.Node;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// The interview of a node after it joins (05-3474 2.4.3.1 device and service discovery; SE 1.4 5.4.2): Active_EP_req,
    /// Simple_Desc_req for each endpoint, then Read Attributes of Basic ManufacturerName and ModelIdentifier, and of a
    /// Metering server's formatting (UnitOfMeasure, Multiplier, Divisor, Summation/DemandFormatting, MeteringDeviceType;
    /// SE 1.4 D.3.2.2.4). A few interviews run at once (a batch of meters joining must not flood the mesh); a failed one
    /// is tried again later. The results are kept in memory and in the store (<see cref="GetInterview"/>,
    /// <see cref="GetMeteringFormat"/>).
    /// </summary>
    public sealed partial class Gateway
    {
        /// <summary>Interviews running at once.</summary>
        public const int MaxConcurrentInterviews = 4;

        /// <summary>How many times a failed interview is started in all.</summary>
        public const int MaxInterviewAttempts = 3;
        private static readonly TimeSpan InterviewRequestTimeout = TimeSpan.FromSeconds(15);
        private static readonly TimeSpan InterviewRetryDelay = TimeSpan.FromSeconds(30);

        private readonly Dictionary<Eui64, ZsepNodeInterview> _interviews = new Dictionary<Eui64, ZsepNodeInterview>();
        private readonly Queue<(Eui64 Ieee, int Attempt)> _interviewQueue = new Queue<(Eui64, int)>();
        private int _interviewsRunning;

        /// <summary>Whether a node that joins is interviewed (on by default).</summary>
        public bool AutoInterview { get; set; } = true;

        /// <summary>What the interview of <paramref name="node"/> found, or null when it never started.</summary>
        public ZsepNodeInterview? GetInterview(Eui64 node) => _interviews.TryGetValue(node, out ZsepNodeInterview? i) ? i : null;

        public IReadOnlyList<ZsepNodeInterview> Interviews => _interviews.Values.OrderBy(i => i.Node).ToList();

        /// <summary>Interviews a node now (again), whether or not it was interviewed before.</summary>
        public void StartInterview(Eui64 node)
        {
            _interviews[node] = new ZsepNodeInterview { Node = node, Status = ZsepInterviewStatus.Pending };
            _interviewQueue.Enqueue((node, 1));
            PumpInterviews();
        }

        private void OnDeviceJoinedInterview(object? sender, DeviceJoinedEventArgs e)
        {
            Coordinator.LearnAddress(e.NwkAddress, e.Ieee);
            if (!AutoInterview)
            {
                return;
            }

            _interviews[e.Ieee] = new ZsepNodeInterview { Node = e.Ieee, Status = ZsepInterviewStatus.Pending };
            // Let the join settle (Device_annce, route records) before asking.
            Scheduler.Schedule(TimeSpan.FromSeconds(2 + (Scheduler.Random.NextDouble() * 3)), () =>
            {
                if (!_disposed)
                {
                    _interviewQueue.Enqueue((e.Ieee, 1));
                    PumpInterviews();
                }
            });
        }

        private void PumpInterviews()
        {
            while (_interviewsRunning < MaxConcurrentInterviews && _interviewQueue.Count > 0 && !_disposed)
            {
                (Eui64 ieee, int attempt) = _interviewQueue.Dequeue();
                if (Store.GetNode(ieee) is not { } node)
                {
                    continue;
                }

                _interviewsRunning++;
                Interview(ieee, node.NwkAddress, attempt);
            }
        }

        private void Interview(Eui64 ieee, NwkAddress address, int attempt)
        {
            void Finish(ZsepNodeInterview result)
            {
                _interviewsRunning--;
                _interviews[ieee] = result;
                SaveInterview(result);
                if (result.Status == ZsepInterviewStatus.Failed && attempt < MaxInterviewAttempts)
                {
                    Scheduler.Schedule(InterviewRetryDelay, () =>
                    {
                        _interviewQueue.Enqueue((ieee, attempt + 1));
                        PumpInterviews();
                    });
                }

                PumpInterviews();
            }

            ZsepNodeInterview failed = new ZsepNodeInterview { Node = ieee, Status = ZsepInterviewStatus.Failed, Attempts = attempt };
            Coordinator.SendZdoRequest(address, new ActiveEpRequest { NwkAddrOfInterest = address }, InterviewRequestTimeout, reply =>
            {
                if (_disposed)
                {
                    return;
                }

                if (reply is not ActiveEpResponse { Status: ZdoStatus.SUCCESS } active)
                {
                    Finish(failed);
                    return;
                }

                var endpoints = new List<ZsepEndpoint>();
                DescribeNext(0);

                void DescribeNext(int i)
                {
                    if (i == active.ActiveEpList.Count)
                    {
                        ReadBasic(endpoints);
                        return;
                    }

                    byte ep = active.ActiveEpList[i];
                    Coordinator.SendZdoRequest(address, new SimpleDescRequest { NwkAddrOfInterest = address, Endpoint = ep }, InterviewRequestTimeout, r =>
                    {
                        if (r is SimpleDescResponse { Status: ZdoStatus.SUCCESS, SimpleDescriptor: { } d })
                        {
                            endpoints.Add(new ZsepEndpoint
                            {
                                Endpoint = d.Endpoint,
                                ProfileId = d.ApplicationProfileIdentifier,
                                DeviceId = d.ApplicationDeviceIdentifier,
                                InClusters = d.ApplicationInputClusterList.ToList(),
                                OutClusters = d.ApplicationOutputClusterList.ToList(),
                            });
                            DescribeNext(i + 1);
                        }
                        else
                        {
                            Finish(failed);
                        }
                    });
                }

                void ReadBasic(List<ZsepEndpoint> found)
                {
                    ZsepEndpoint? basic = found.FirstOrDefault(e => e.InClusters.Contains(StandardClusters.Basic));
                    var result = new ZsepNodeInterview { Node = ieee, Status = ZsepInterviewStatus.Complete, Endpoints = found, Attempts = attempt };
                    if (basic is null)
                    {
                        Finish(result with { CompletedAt = Scheduler.Now });
                        return;
                    }

                    Application.ReadAttributes(address, basic.Endpoint, StandardClusters.Basic, new ushort[] { 0x0004, 0x0005 }, InterviewRequestTimeout, response =>
                    {
                        if (response.Frame?.Foundation is not ZclReadAttributesResponse read)
                        {
                            Finish(failed with { Endpoints = found });
                            return;
                        }

                        string? Text(ushort id) => read.Records.FirstOrDefault(r => r.AttributeId == id && r.Status == ZclStatus.Success)?.Value?.Value as string;
                        ReadMeteringFormat(found, result with { ManufacturerName = Text(0x0004), ModelIdentifier = Text(0x0005) });
                    }, EsiEndpoint);
                }

                // A meter's unit, scale and formatting, kept for the display values of its readings. A meter that does not
                // answer this still completes its interview: its first energy reading asks again.
                void ReadMeteringFormat(List<ZsepEndpoint> found, ZsepNodeInterview result)
                {
                    ZsepEndpoint? metering = found.FirstOrDefault(e => e.InClusters.Contains(StandardClusters.Metering));
                    // Under RequireKeyEstablishment a meter without an established key refuses Metering frames: its first reading asks.
                    if (metering is null || (Config.Policies.RequireKeyEstablishment && !_keEstablished.Contains(ieee)))
                    {
                        Finish(result with { CompletedAt = Scheduler.Now });
                        return;
                    }

                    FetchMeteringFormat(ieee, address, metering.Endpoint, InterviewRequestTimeout, (_, status) =>
                    {
                        if (status == ZclTransactionStatus.Success || _disposed)
                        {
                            Finish(result with { CompletedAt = Scheduler.Now });
                            return;
                        }

                        // A busy mesh loses a frame now and then: ask once more.
                        FetchMeteringFormat(ieee, address, metering.Endpoint, InterviewRequestTimeout, (_, _) => Finish(result with { CompletedAt = Scheduler.Now }));
                    });
                }
            });
        }
    }
}
