using System;
using Zsep.Stack.Types;

namespace Zsep.Stack.Node
{
    /// <summary>A unicast this node originated did not reach its destination (APSDE-DATA.confirm with a failure status, 05-3474 2.2.4.1.2).</summary>
    public sealed class DeliveryFailedEventArgs : EventArgs
    {
        public DeliveryFailedEventArgs(NwkAddress destination, ApsDeliveryStatus status)
        {
            Destination = destination;
            Status = status;
        }

        public NwkAddress Destination { get; }

        /// <summary>NoAck: no APS ack after apsMaxFrameRetries; NoRoute: NWK found no route, or the first hop did not acknowledge.</summary>
        public ApsDeliveryStatus Status { get; }
    }

    /// <summary>
    /// Reachability as the senders of this node see it: ZDP requests (SendZdoRequest) and the ZCL engine report the
    /// unicasts that failed after their retries, so that a gateway can mark the destination unreachable.
    /// </summary>
    public sealed partial class ZigbeeNode
    {
        /// <summary>Raised when a unicast this node originated failed after its retries (see <see cref="ReportDeliveryFailure"/>).</summary>
        public event EventHandler<DeliveryFailedEventArgs>? DeliveryFailed;

        /// <summary>
        /// Reports the failed confirmation of a unicast to <paramref name="destination"/>; broadcasts, successes and
        /// frames refused before they were sent (<see cref="ApsDeliveryStatus.NotSent"/>) are ignored.
        /// </summary>
        public void ReportDeliveryFailure(NwkAddress destination, ApsDeliveryStatus status)
        {
            if (status == ApsDeliveryStatus.Success || status == ApsDeliveryStatus.NotSent || destination.IsBroadcast || destination.Value == _nwkAddress || _disposed)
            {
                return;
            }

            DeliveryFailed?.Invoke(this, new DeliveryFailedEventArgs(destination, status));
        }
    }
}
