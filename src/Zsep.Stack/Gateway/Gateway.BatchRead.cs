using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Zsep.Stack.Application;
using Zsep.Stack.Runtime;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// Batch reads (ZCL rev 7 2.5.1 Read Attributes to many nodes): each batch keeps at most its concurrency in flight
    /// and starts the next request from the completion of the last one, on the loop, so several batches (one per
    /// network, when networks share one medium and one scheduler) progress together whichever of them drives the loop.
    /// </summary>
    public sealed partial class Gateway
    {
        /// <summary>
        /// Reads the same attributes from nodes of several networks at once: one batch per network, each with at most
        /// <paramref name="maxConcurrencyPerNetwork"/> requests in flight, all running together when the networks share
        /// one scheduler (networks on separate schedulers are read one after the other). Yields each node's outcome as it
        /// arrives, whichever network it belongs to; the loop runs only while the caller enumerates.
        /// </summary>
        public static IEnumerable<ZsepAttributeReadOutcome> ReadAttributesBatch(IReadOnlyList<(Gateway Gateway, IReadOnlyList<Eui64> Nodes)> targets,
            byte? endpoint, ushort cluster, IReadOnlyList<ushort> attributes, TimeSpan timeout, int maxConcurrencyPerNetwork = 16,
            CancellationToken cancellationToken = default, bool refreshFormatting = false)
        {
            if (targets is null)
            {
                throw new ArgumentNullException(nameof(targets));
            }

            if (attributes is null || attributes.Count == 0)
            {
                throw new ArgumentException("Name at least one attribute.", nameof(attributes));
            }

            if (targets.Any(t => t.Gateway is null || t.Nodes is null))
            {
                throw new ArgumentException("Each target names a gateway and its nodes.", nameof(targets));
            }

            ushort[] ids = attributes.ToArray();
            int concurrency = Math.Max(1, maxConcurrencyPerNetwork);
            return targets.GroupBy(t => t.Gateway.Scheduler).SelectMany(group =>
            {
                var signal = new BatchSignal();
                return Drive(group.Select(t => new BatchRead(t.Gateway, t.Nodes, endpoint, cluster, ids, timeout, concurrency, refreshFormatting, signal)).ToList(),
                    signal, timeout, cancellationToken);
            });
        }

        /// <summary>Starts the batches (which share one scheduler) and yields their outcomes as they arrive, driving the loop.</summary>
        private static IEnumerable<ZsepAttributeReadOutcome> Drive(List<BatchRead> batches, BatchSignal signal, TimeSpan timeout, CancellationToken cancellationToken)
        {
            foreach (BatchRead batch in batches)
            {
                batch.Pump();
            }

            Gateway driver = batches[0].Gateway;
            while (true)
            {
                bool pending = false;
                foreach (BatchRead batch in batches)
                {
                    batch.ThrowIfFaulted();
                    while (batch.Done.Count > 0)
                    {
                        yield return batch.Done.Dequeue();
                    }

                    pending |= !batch.Finished;
                }

                if (!pending)
                {
                    yield break;
                }

                // Every request has a timeout on the loop, so this returns; the margin covers the APS retries. The loop tests
                // the condition after every event: a flag the batches raise, not a walk over them.
                signal.Raised = false;
                if (!driver.RunUntil(() => signal.Raised, timeout + TimeSpan.FromMinutes(1), cancellationToken))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield break;
                }
            }
        }

        /// <summary>Raised by a batch that has an outcome or a fault to hand over.</summary>
        private sealed class BatchSignal
        {
            public bool Raised;
        }

        /// <summary>One network's share of a batch read: its queue, its requests in flight and its finished outcomes.</summary>
        private sealed class BatchRead
        {
            private readonly IReadOnlyList<Eui64> _nodes;
            private readonly byte? _endpoint;
            private readonly ushort _cluster;
            private readonly ushort[] _attributes;
            private readonly TimeSpan _timeout;
            private readonly int _maxConcurrency;
            private readonly bool _refresh;
            private readonly BatchSignal _signal;
            private readonly Queue<Eui64> _again = new Queue<Eui64>();
            private readonly HashSet<Eui64> _retried = new HashSet<Eui64>();
            private int _next;
            private int _inFlight;
            private DateTimeOffset _nextStart;
            private Dictionary<Eui64, NodeRecord>? _rows;

            public BatchRead(Gateway gateway, IReadOnlyList<Eui64> nodes, byte? endpoint, ushort cluster, ushort[] attributes, TimeSpan timeout, int maxConcurrency, bool refresh, BatchSignal signal)
            {
                _signal = signal;
                Gateway = gateway;
                _nodes = nodes;
                _endpoint = endpoint;
                _cluster = cluster;
                _attributes = attributes;
                _timeout = timeout;
                _maxConcurrency = maxConcurrency;
                _refresh = refresh;
                _nextStart = gateway.Scheduler.Now;
            }

            public Gateway Gateway { get; }

            /// <summary>Outcomes not yet handed to the caller.</summary>
            public Queue<ZsepAttributeReadOutcome> Done { get; } = new Queue<ZsepAttributeReadOutcome>();

            /// <summary>An error that ends the whole read (key establishment required), thrown to the caller.</summary>
            public Exception? Fault { get; private set; }

            private void Emit(ZsepAttributeReadOutcome outcome)
            {
                Done.Enqueue(outcome);
                _signal.Raised = true;
            }

            /// <summary>Every node has its outcome (or the read failed).</summary>
            public bool Finished => Fault is not null || (_next >= _nodes.Count && _again.Count == 0 && _inFlight == 0);

            public void ThrowIfFaulted()
            {
                if (Fault is Exception fault)
                {
                    Fault = null;
                    _next = _nodes.Count;
                    _again.Clear();
                    throw fault;
                }
            }

            /// <summary>Starts requests until the batch has its concurrency in flight or nothing is left to ask.</summary>
            public void Pump()
            {
                Gateway g = Gateway;
                if (_rows is null && _nodes.Count > 8 && !g._disposed)
                {
                    // One query for the node table instead of one per node; a node asked again is looked up afresh (it may have a new address).
                    _rows = new Dictionary<Eui64, NodeRecord>();
                    foreach (NodeRecord row in g.Store.GetNodes())
                    {
                        _rows[row.Ieee] = row;
                    }
                }

                while (Fault is null && _inFlight < _maxConcurrency && (_next < _nodes.Count || _again.Count > 0) && !g._disposed)
                {
                    bool retry = _again.Count > 0;
                    Eui64 node = retry ? _again.Dequeue() : _nodes[_next++];
                    (NwkAddress Address, byte Endpoint) target;
                    try
                    {
                        NodeRecord? row = null;
                        if (!retry && _rows is not null && !_rows.TryGetValue(node, out row))
                        {
                            row = null;
                        }

                        target = g.Resolve(node, _endpoint, _cluster, row);
                    }
                    catch (KeyEstablishmentRequiredException ex)
                    {
                        Fault = ex; // as before: the caller's error, not one node's
                        _signal.Raised = true;
                        return;
                    }
                    catch (ArgumentException ex)
                    {
                        Emit(new ZsepAttributeReadOutcome { Node = node, TransactionStatus = ZclTransactionStatus.NoRoute, Error = ex.Message });
                        continue;
                    }

                    _inFlight++;
                    // Requests leave a few tens of milliseconds apart, so their answers do not all converge on the coordinator at once.
                    IStackScheduler scheduler = g.Scheduler;
                    TimeSpan delay = _nextStart > scheduler.Now ? _nextStart - scheduler.Now : TimeSpan.Zero;
                    _nextStart = scheduler.Now + delay + BatchRequestSpacing;
                    scheduler.Schedule(delay, () => Start(node, target.Address, target.Endpoint));
                }
            }

            private void Start(Eui64 node, NwkAddress address, byte endpoint)
            {
                Gateway g = Gateway;
                if (g._disposed)
                {
                    return;
                }

                bool refresh = _refresh && !_retried.Contains(node);
                g.WithFormatting(node, address, endpoint, _cluster, _attributes, _timeout, () => g.Application.ReadAttributes(address, endpoint, _cluster, _attributes, _timeout, response =>
                {
                    if (response.Status != ZclTransactionStatus.Success && _retried.Add(node))
                    {
                        // A busy mesh loses a frame now and then even after the APS retries: one more try before the node counts as unreachable.
                        _inFlight--;
                        _again.Enqueue(node);
                        Pump();
                        return;
                    }

                    void Finish()
                    {
                        _inFlight--;
                        Emit(g.WithDisplay(node, _cluster, g.ToOutcome(node, address, endpoint, _cluster, _attributes, response)));
                        Pump();
                    }

                    // The meter answered, so its route works now: a formatting read that was lost before gets one more try.
                    if (response.Status == ZclTransactionStatus.Success)
                    {
                        g.WithFormatting(node, address, endpoint, _cluster, _attributes, _timeout, Finish, attempt: 2);
                    }
                    else
                    {
                        Finish();
                    }
                }, EsiEndpoint), refresh: refresh);
            }
        }
    }
}
