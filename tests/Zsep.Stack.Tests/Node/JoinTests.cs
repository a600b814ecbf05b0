using System;
using System.Linq;
using Zsep.Stack.Node;
using Zsep.Stack.Security;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Stack.Tests.Node
{
    /// <summary>Formation and joins with install codes (05-3474 3.6.1.1, 3.6.1.4.1, 4.6.3.2; issue 3 section 3).</summary>
    public class JoinTests
    {
        [Fact]
        public void Formation_CoordinatorIsJoinedAtAddressZero()
        {
            var h = new NodeTestHarness();
            Assert.Equal(NodeState.Joined, h.Coordinator.State);
            Assert.Equal(NwkAddress.Coordinator, h.Coordinator.NwkAddress);
            Assert.Equal(15, h.CoordinatorRadio.Configuration.Channel);
            Assert.True(h.CoordinatorRadio.Configuration.PanCoordinator);
            Assert.False(h.Coordinator.PermitJoining);
            h.PermitJoin(60);
            Assert.True(h.Coordinator.PermitJoining);
            h.Scheduler.RunFor(TimeSpan.FromSeconds(60));
            Assert.False(h.Coordinator.PermitJoining);
        }

        [Fact]
        public void DirectJoin_WithoutPermitJoin_DoesNotAssociate()
        {
            var h = new NodeTestHarness();
            var (node, _) = h.AddRegistered(0x10, 10, 0, NodeRole.Router);
            Assert.False(h.Join(node, 10));
            Assert.Equal(NodeState.Idle, node.State);
            Assert.Empty(h.Coordinator.Children);
        }

        [Fact]
        public void DirectJoin_RightInstallCode_HoldsNetworkKeyAndAnnounces()
        {
            var h = new NodeTestHarness();
            h.PermitJoin();
            var (node, radio) = h.AddRegistered(0x10, 10, 0, NodeRole.Router);

            Assert.True(h.Join(node));
            h.Scheduler.RunFor(TimeSpan.FromSeconds(1));

            Assert.Equal(NodeState.Joined, node.State);
            Assert.Equal(NetworkKeyBytes(), node.NetworkKey!.Span.ToArray());
            Assert.Equal(h.Coordinator.Ieee, node.TrustCenterAddress);
            Assert.Equal(NwkAddress.Coordinator, node.ParentAddress);
            Assert.Equal(1, node.Depth);
            Assert.Equal(15, node.Channel);
            Assert.Equal(new PanId(0x1A2B), node.PanId);
            var joined = Assert.Single(h.Joined);
            Assert.Equal(node.Ieee, joined.Ieee);
            Assert.Equal(node.NwkAddress, joined.NwkAddress);
            Assert.Equal(NwkAddress.Coordinator, joined.Parent);
            Assert.Equal(NodeDeviceType.Router, joined.DeviceType);
            Assert.Empty(h.Refused);
            ChildInfo child = Assert.Single(h.Coordinator.Children);
            Assert.True(child.Authenticated);
            Assert.Equal(node.Ieee, child.Ieee);

            // The positive control of the byte check used by the refusal tests.
            Assert.True(NodeTestHarness.CanRecoverNetworkKey(radio, new[] { NodeTestHarness.Code(0x10).DeriveLinkKey() }));
        }

        [Fact]
        public void DirectJoin_WrongInstallCode_NeverGetsUsableKey_AndIsRefused()
        {
            var h = new NodeTestHarness();
            h.PermitJoin();
            InstallCode deviceCode = NodeTestHarness.Code(0x21);
            InstallCode registered = NodeTestHarness.Code(0x22);
            var (node, radio) = h.AddDevice(0x21, 10, 0, NodeRole.Router, deviceCode, registered);

            Assert.False(h.Join(node, 30));

            Assert.NotEqual(NodeState.Joined, node.State);
            Assert.Null(node.NetworkKey);
            var refused = Assert.Single(h.Refused, r => r.Ieee == node.Ieee);
            Assert.Equal("NoKeyConfirmation", refused.Reason);
            Assert.Empty(h.Joined);
            Assert.DoesNotContain(h.Coordinator.Children, c => c.Ieee == node.Ieee);
            Assert.False(NodeTestHarness.CanRecoverNetworkKey(radio,
                new[] { deviceCode.DeriveLinkKey(), ZigbeeKey.DefaultTrustCenterLinkKey }));
            Assert.True(node.Counters.SecurityFailures > 0);
        }

        [Fact]
        public void DirectJoin_UnknownDevice_GetsNoTransportKey_AndIsRefused()
        {
            var h = new NodeTestHarness();
            h.PermitJoin();
            InstallCode deviceCode = NodeTestHarness.Code(0x31);
            var (node, radio) = h.AddDevice(0x31, 10, 0, NodeRole.EndDevice, deviceCode, registeredCode: null);

            Assert.False(h.Join(node, 30));

            Assert.Null(node.NetworkKey);
            var refused = Assert.Single(h.Refused, r => r.Ieee == node.Ieee);
            Assert.Equal("UnknownDevice", refused.Reason);
            Assert.Empty(h.Coordinator.Children);
            Assert.False(NodeTestHarness.CanRecoverNetworkKey(radio,
                new[] { deviceCode.DeriveLinkKey(), ZigbeeKey.DefaultTrustCenterLinkKey }));
            // Not even an APS-secured command reached it: the TC sent no Transport Key at all.
            Assert.Equal(0, node.Counters.SecurityFailures);
        }

        [Fact]
        public void DirectJoin_EndDevice_GetsKeyByIndirectPolling()
        {
            var h = new NodeTestHarness();
            h.PermitJoin();
            var (node, radio) = h.AddRegistered(0x40, 10, 0, NodeRole.EndDevice);

            Assert.True(h.Join(node));
            h.Scheduler.RunFor(TimeSpan.FromSeconds(2));

            Assert.False(radio.Configuration.RxOnWhenIdle);
            Assert.Equal(NetworkKeyBytes(), node.NetworkKey!.Span.ToArray());
            Assert.Equal(NodeDeviceType.EndDevice, Assert.Single(h.Joined).DeviceType);
            Assert.True(h.Coordinator.Counters.MacIndirectQueued >= 2); // association response and Transport Key
        }

        [Fact]
        public void JoinThroughRouter_UpdateDeviceAndTunnel_DeviceJoinsAtDepthTwo()
        {
            var h = new NodeTestHarness();
            h.PermitJoin();
            var (router, _) = h.AddRegistered(0x10, 10, 0, NodeRole.Router);
            Assert.True(h.Join(router));
            h.PermitJoin();
            var (device, radio) = h.AddRegistered(0x20, 20, 0, NodeRole.Router);

            Assert.True(h.Join(device));
            h.Scheduler.RunFor(TimeSpan.FromSeconds(1));

            Assert.Equal(router.NwkAddress, device.ParentAddress);
            Assert.Equal(2, device.Depth);
            Assert.Equal(NetworkKeyBytes(), device.NetworkKey!.Span.ToArray());
            var joined = Assert.Single(h.Joined, j => j.Ieee == device.Ieee);
            Assert.Equal(router.NwkAddress, joined.Parent);
            Assert.Equal(2, h.Coordinator.GetHopCount(device.NwkAddress));
            Assert.True(Assert.Single(router.Children).Authenticated);
            Assert.True(NodeTestHarness.CanRecoverNetworkKey(radio, new[] { NodeTestHarness.Code(0x20).DeriveLinkKey() }));
        }

        [Fact]
        public void JoinThroughRouter_EndDevice_TunnelledKeyByIndirectPolling()
        {
            var h = new NodeTestHarness();
            h.PermitJoin();
            var (router, _) = h.AddRegistered(0x10, 10, 0, NodeRole.Router);
            Assert.True(h.Join(router));
            h.PermitJoin();
            var (device, _) = h.AddRegistered(0x20, 20, 0, NodeRole.EndDevice);

            Assert.True(h.Join(device));
            h.Scheduler.RunFor(TimeSpan.FromSeconds(2));

            Assert.Equal(NetworkKeyBytes(), device.NetworkKey!.Span.ToArray());
            Assert.Equal(NodeDeviceType.EndDevice, Assert.Single(h.Joined, j => j.Ieee == device.Ieee).DeviceType);
        }

        [Fact]
        public void JoinThroughChainOfThreeRouters_HopCountsAreOneToFour()
        {
            var h = new NodeTestHarness();
            var nodes = new ZigbeeNode[4];
            for (int i = 0; i < 4; i++)
            {
                h.PermitJoin();
                var (node, _) = h.AddRegistered((ulong)(0x10 + i), 10 * (i + 1), 0, NodeRole.Router);
                Assert.True(h.Join(node), $"hop {i + 1}");
                nodes[i] = node;
            }

            h.Scheduler.RunFor(TimeSpan.FromSeconds(1));
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(i + 1, nodes[i].Depth);
                Assert.Equal(i + 1, h.Coordinator.GetHopCount(nodes[i].NwkAddress));
                Assert.Equal(NetworkKeyBytes(), nodes[i].NetworkKey!.Span.ToArray());
            }

            Assert.Equal(4, h.Joined.Count);
            // The third router's route record lists its relays, the one nearest it first.
            Assert.Equal(new[] { nodes[1].NwkAddress, nodes[0].NwkAddress }, h.Coordinator.GetRouteRecord(nodes[2].NwkAddress));
        }

        [Fact]
        public void JoinThroughRouter_NotAllowed_OutOfRangeDeviceIsRefused()
        {
            var h = new NodeTestHarness();
            h.PermitJoin();
            var (router, _) = h.AddRegistered(0x10, 10, 0, NodeRole.Router);
            Assert.True(h.Join(router));
            h.TrustCenter.AllowJoinThroughRouter = false;
            h.PermitJoin();
            var (device, radio) = h.AddRegistered(0x20, 20, 0, NodeRole.Router);

            Assert.False(h.Join(device, 30));

            var refused = Assert.Single(h.Refused);
            Assert.Equal(device.Ieee, refused.Ieee);
            Assert.Equal("JoinThroughRouterNotAllowed", refused.Reason);
            Assert.Empty(router.Children);
            Assert.False(NodeTestHarness.CanRecoverNetworkKey(radio,
                new[] { NodeTestHarness.Code(0x20).DeriveLinkKey(), ZigbeeKey.DefaultTrustCenterLinkKey }));
        }

        [Fact]
        public void JoinThroughRouter_UnknownDevice_RemoveDeviceMakesParentDropIt()
        {
            var h = new NodeTestHarness();
            h.PermitJoin();
            var (router, _) = h.AddRegistered(0x10, 10, 0, NodeRole.Router);
            Assert.True(h.Join(router));
            h.PermitJoin();
            InstallCode code = NodeTestHarness.Code(0x66);
            var (device, radio) = h.AddDevice(0x66, 20, 0, NodeRole.Router, code, registeredCode: null);
            var left = new System.Collections.Generic.List<DeviceLeftEventArgs>();
            router.DeviceLeft += (_, e) => left.Add(e);

            Assert.False(h.Join(device, 30));

            Assert.Equal("UnknownDevice", Assert.Single(h.Refused).Reason);
            Assert.Empty(router.Children);
            Assert.Equal(device.Ieee, Assert.Single(left).Ieee);
            Assert.False(NodeTestHarness.CanRecoverNetworkKey(radio, new[] { code.DeriveLinkKey(), ZigbeeKey.DefaultTrustCenterLinkKey }));
        }

        [Fact]
        public void NotRequiringInstallCodes_UnknownDeviceJoinsWithDefaultKey()
        {
            var h = new NodeTestHarness();
            h.TrustCenter.RequireInstallCode = false;
            h.PermitJoin();
            var (node, radio) = h.AddDevice(0x50, 10, 0, NodeRole.Router, NodeTestHarness.Code(0x50), registeredCode: null);
            // A device without an install code uses the default TC link key.
            var plain = new ZigbeeNode(radio, h.Scheduler, new ZigbeeNodeOptions { Role = NodeRole.Router, Channel = 15 });
            node.Dispose();

            Assert.True(h.Join(plain));
            Assert.Equal(NetworkKeyBytes(), plain.NetworkKey!.Span.ToArray());
        }

        private static byte[] NetworkKeyBytes() => NodeTestHarness.NetworkKey.Span.ToArray();
    }
}
