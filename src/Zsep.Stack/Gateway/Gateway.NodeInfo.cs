using System.Linq;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// The interview results kept in the store (node_interviews, node_endpoints): saved when an interview finishes and
    /// loaded when the gateway starts, so Get-ZsepNode shows manufacturer, model and endpoints after a reconnect and
    /// <see cref="Resolve"/> finds a cluster's endpoint without asking again.
    /// </summary>
    public sealed partial class Gateway
    {
        private void LoadInterviews()
        {
            foreach (NodeInterviewRecord r in Store.GetInterviews())
            {
                _interviews[r.Ieee] = new ZsepNodeInterview
                {
                    Node = r.Ieee,
                    Status = (ZsepInterviewStatus)r.Status,
                    ManufacturerName = r.ManufacturerName,
                    ModelIdentifier = r.ModelIdentifier,
                    CompletedAt = r.CompletedAt,
                    Attempts = r.Attempts,
                    Endpoints = r.Endpoints.Select(e => new ZsepEndpoint
                    {
                        Endpoint = e.Endpoint,
                        ProfileId = e.ProfileId,
                        DeviceId = e.DeviceId,
                        InClusters = e.InClusters,
                        OutClusters = e.OutClusters,
                    }).ToList(),
                };
            }
        }

        /// <summary>Keeps a finished interview (complete, or failed with what it found) unless the node left meanwhile.</summary>
        private void SaveInterview(ZsepNodeInterview interview)
        {
            if (_disposed || Store.GetNode(interview.Node) is null)
            {
                return;
            }

            Store.SaveInterview(new NodeInterviewRecord
            {
                Ieee = interview.Node,
                Status = (int)interview.Status,
                ManufacturerName = interview.ManufacturerName,
                ModelIdentifier = interview.ModelIdentifier,
                CompletedAt = interview.CompletedAt,
                Attempts = interview.Attempts,
                Endpoints = interview.Endpoints.Select(e => new NodeEndpointRecord
                {
                    Endpoint = e.Endpoint,
                    ProfileId = e.ProfileId,
                    DeviceId = e.DeviceId,
                    InClusters = e.InClusters,
                    OutClusters = e.OutClusters,
                }).ToList(),
            });
        }

        /// <summary>Forgets what the interview of a removed node found.</summary>
        private void ForgetInterview(Eui64 node)
        {
            _interviews.Remove(node);
            _formatting.Remove(node);
            Store.RemoveInterview(node);
            Store.RemoveMeteringFormat(node);
        }
    }
}
