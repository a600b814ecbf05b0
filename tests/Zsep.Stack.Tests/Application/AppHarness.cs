using System;
using System.Collections.Generic;
using Zsep.Stack.Application;
using Zsep.Stack.Aps;
using Zsep.Stack.Mac;
using Zsep.Stack.Node;
using Zsep.Stack.Nwk;
using Zsep.Stack.Security;
using Zsep.Stack.Tests.Node;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Xunit;

namespace Zsep.Stack.Tests.Application
{
    /// <summary>A coordinator with a ZCL application (client endpoint 1 on the SE profile) and a chain of routers serving a small Metering cluster.</summary>
    internal sealed class AppHarness
    {
        public AppHarness(int routers, Func<ZigbeeNodeOptions, ZigbeeNodeOptions>? tune = null)
        {
            H = new NodeTestHarness(tune: tune);
            Gateway = new ZclApplication(H.Coordinator, H.Scheduler);
            Gateway.AddEndpoint(new ZclEndpoint(1, ZigbeeNode.SmartEnergyProfileId, 0x0500)).AddClient(0x0702);
            for (int i = 0; i < routers; i++)
            {
                H.PermitJoin();
                var (node, radio) = H.AddRegistered((ulong)(0x10 + i), 10 * (i + 1), 0, NodeRole.Router);
                Assert.True(H.Join(node));
                Routers.Add(node);
                Radios.Add(radio);
                var app = new ZclApplication(node, H.Scheduler);
                ZclEndpoint ep = app.AddEndpoint(new ZclEndpoint(1, ZigbeeNode.SmartEnergyProfileId, 0x0501));
                ZclClusterServer metering = ep.AddServer(0x0702);
                metering.Add("CurrentSummationDelivered", (ulong)123456789);
                metering.Add("InstantaneousDemand", 1500);
                metering.Add("UnitOfMeasure", (byte)0);
                metering.Add("Divisor", 1000u);
                metering.Add(new ZclAttribute(0x0301, ZclDataType.UInt24, ZclValue.Create(ZclDataType.UInt24, 1u), ZclAttributeAccess.Readable | ZclAttributeAccess.Writeable));
                Apps.Add(app);
            }

            H.Scheduler.RunFor(TimeSpan.FromSeconds(1));
        }

        public NodeTestHarness H { get; }

        public ZclApplication Gateway { get; }

        public List<ZigbeeNode> Routers { get; } = new List<ZigbeeNode>();

        public List<TestRadio> Radios { get; } = new List<TestRadio>();

        public List<ZclApplication> Apps { get; } = new List<ZclApplication>();

        public ZclResponse Run(Action<Action<ZclResponse>> start, double seconds = 60)
        {
            ZclResponse? result = null;
            start(r => result = r);
            Assert.True(H.Scheduler.RunUntil(() => result is not null, TimeSpan.FromSeconds(seconds)));
            return result!;
        }

        public static List<string> Drops(ZigbeeNode node)
        {
            var list = new List<string>();
            node.FrameDropped += (_, e) => list.Add(e.Reason);
            return list;
        }

        /// <summary>
        /// A NWK data frame from <paramref name="from"/> (MAC and NWK source) to <paramref name="to"/> carrying
        /// <paramref name="aps"/>, secured with the network key as <paramref name="from"/> would (a high frame counter).
        /// </summary>
        public static byte[] NwkFrame(ZigbeeNode from, ZigbeeNode to, byte[] aps, uint frameCounter)
        {
            var nwk = new NwkHeader
            {
                FrameType = NwkFrameType.Data,
                DestinationAddress = to.NwkAddress,
                SourceAddress = from.NwkAddress,
                Radius = 5,
                SequenceNumber = 77,
                Security = true,
            };
            byte[] header = nwk.ToArray();
            var aux = new AuxiliarySecurityHeader(SecurityLevel.EncMic32, KeyIdentifier.Network, frameCounter, from.Ieee, 0);
            byte[] secured = new byte[ZigbeeSecurity.SecuredLength(header.Length, aux, aps.Length)];
            ZigbeeSecurity.Secure(header, aux, aps, NodeTestHarness.NetworkKey, null, secured);
            return new MacFrame
            {
                FrameType = MacFrameType.Data,
                AckRequest = true,
                PanIdCompression = true,
                SequenceNumber = 9,
                DestinationPanId = to.PanId,
                DestinationAddress = MacAddress.FromShort(to.NwkAddress.Value),
                SourceAddress = MacAddress.FromShort(from.NwkAddress.Value),
                Payload = secured,
            }.ToArray();
        }

        /// <summary>The APS frames (after NWK decryption with the network key) of the secured NWK data frames in <paramref name="psdus"/>.</summary>
        public static List<byte[]> ApsFrames(IEnumerable<byte[]> psdus)
        {
            var list = new List<byte[]>();
            foreach (byte[] psdu in psdus)
            {
                if (!MacFrame.TryDecode(psdu, false, out MacFrame? mac, out _) || mac!.FrameType != MacFrameType.Data ||
                    !NwkHeader.TryDecode(mac.Payload, out NwkHeader? nwk, out _) || !nwk!.Security || nwk.FrameType != NwkFrameType.Data)
                {
                    continue;
                }

                byte[] plain = new byte[mac.Payload.Length];
                if (ZigbeeSecurity.Unsecure(mac.Payload, nwk.HeaderLength, NodeTestHarness.NetworkKey, null, plain, out _, out int n) == SecurityOutcome.Decrypted)
                {
                    list.Add(plain.AsSpan(0, n).ToArray());
                }
            }

            return list;
        }
    }
}
