using System;
using System.Collections.Generic;
using Zsep.Stack.Aps;
using Zsep.Stack.Mac;
using Zsep.Stack.Node;
using Zsep.Stack.Nwk;
using Zsep.Stack.Runtime;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Node
{
    /// <summary>A coordinator at (0,0) on the test medium, and helpers to add and join devices.</summary>
    internal sealed class NodeTestHarness
    {
        public static readonly ZigbeeKey NetworkKey = ZigbeeKey.Parse("01030507090B0D0F00020406080A0C0D");
        public static readonly Eui64 Epid = new Eui64(0x00124B0001ABCDEF);

        public NodeTestHarness(int seed = 1, Func<ZigbeeNodeOptions, ZigbeeNodeOptions>? tune = null)
        {
            Tune = tune ?? (o => o);
            Scheduler = new VirtualScheduler(seed);
            Medium = new TestMedium(Scheduler);
            CoordinatorRadio = Medium.AddRadio(new Eui64(0x00124B0000000001), 0, 0);
            Coordinator = new ZigbeeNode(CoordinatorRadio, Scheduler, Tune(new ZigbeeNodeOptions
            {
                Role = NodeRole.Coordinator,
                Channel = 15,
                PanId = new PanId(0x1A2B),
                ExtendedPanId = Epid,
                NetworkKey = NetworkKey,
                TrustCenter = TrustCenter,
            }));
            Coordinator.DeviceJoined += (_, e) => Joined.Add(e);
            Coordinator.AuthenticationFailed += (_, e) => Refused.Add(e);
            Coordinator.Form();
        }

        public Func<ZigbeeNodeOptions, ZigbeeNodeOptions> Tune { get; }

        public VirtualScheduler Scheduler { get; }

        public TestMedium Medium { get; }

        public TestRadio CoordinatorRadio { get; }

        public ZigbeeNode Coordinator { get; }

        public InMemoryTrustCenter TrustCenter { get; } = new InMemoryTrustCenter();

        public List<DeviceJoinedEventArgs> Joined { get; } = new List<DeviceJoinedEventArgs>();

        public List<AuthenticationFailedEventArgs> Refused { get; } = new List<AuthenticationFailedEventArgs>();

        public static InstallCode Code(byte seed)
        {
            var bytes = new byte[16];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((seed * 31) + (i * 7) + 1);
            }

            return InstallCode.FromBytes(bytes);
        }

        /// <summary>A device whose own key comes from <paramref name="deviceCode"/>; registered with the TC under <paramref name="registeredCode"/> (null = not registered).</summary>
        public (ZigbeeNode Node, TestRadio Radio) AddDevice(ulong ieee, int x, int y, NodeRole role, InstallCode deviceCode, InstallCode? registeredCode)
        {
            var id = new Eui64(ieee);
            TestRadio radio = Medium.AddRadio(id, x, y);
            var node = new ZigbeeNode(radio, Scheduler, Tune(new ZigbeeNodeOptions
            {
                Role = role,
                Channel = 15,
                ScanChannelMask = (1u << 11) | (1u << 15) | (1u << 20),
                ExtendedPanId = Epid,
                LinkKey = deviceCode.DeriveLinkKey(),
            }));
            if (registeredCode is not null)
            {
                TrustCenter.Keys[id] = registeredCode.DeriveLinkKey();
            }

            return (node, radio);
        }

        public (ZigbeeNode Node, TestRadio Radio) AddRegistered(ulong ieee, int x, int y, NodeRole role)
        {
            InstallCode code = Code((byte)ieee);
            return AddDevice(ieee, x, y, role, code, code);
        }

        public bool Join(ZigbeeNode node, double seconds = 30)
        {
            node.Join();
            return Scheduler.RunUntil(() => node.State == NodeState.Joined, TimeSpan.FromSeconds(seconds));
        }

        /// <summary>Opens joining network-wide and runs briefly so the broadcast spreads.</summary>
        public void PermitJoin(byte seconds = 180)
        {
            Coordinator.PermitJoin(seconds);
            Scheduler.RunFor(TimeSpan.FromSeconds(1));
        }

        /// <summary>
        /// Whether any frame delivered to <paramref name="radio"/> yields the network key to someone holding only
        /// <paramref name="knownKeys"/>: the raw bytes, and every NWK and APS frame unsecured with each known key,
        /// as is and through both HMAC-MMO derivations (key-transport and key-load).
        /// </summary>
        public static bool CanRecoverNetworkKey(TestRadio radio, IEnumerable<ZigbeeKey> knownKeys)
        {
            var candidates = new List<ZigbeeKey>();
            foreach (ZigbeeKey k in knownKeys)
            {
                candidates.Add(k);
                candidates.Add(ZigbeeKeyDerivation.KeyTransportKey(k));
                candidates.Add(ZigbeeKeyDerivation.KeyLoadKey(k));
            }

            foreach (byte[] psdu in radio.Received)
            {
                if (Contains(psdu, NetworkKey.Span.ToArray()))
                {
                    return true;
                }

                if (!MacFrame.TryDecode(psdu, false, out MacFrame? mac, out _) || mac!.FrameType != MacFrameType.Data ||
                    !NwkHeader.TryDecode(mac.Payload, out NwkHeader? nwk, out _))
                {
                    continue;
                }

                var apsPayloads = new List<byte[]>();
                if (!nwk!.Security)
                {
                    apsPayloads.Add(mac.Payload.AsSpan(nwk.HeaderLength).ToArray());
                }
                else
                {
                    foreach (ZigbeeKey k in candidates)
                    {
                        byte[] plain = new byte[mac.Payload.Length];
                        if (ZigbeeSecurity.Unsecure(mac.Payload, nwk.HeaderLength, k, null, plain, out _, out int n) == SecurityOutcome.Decrypted)
                        {
                            apsPayloads.Add(plain.AsSpan(0, n).ToArray());
                        }
                    }
                }

                foreach (byte[] aps in apsPayloads)
                {
                    if (Contains(aps, NetworkKey.Span.ToArray()))
                    {
                        return true;
                    }

                    if (!ApsHeader.TryDecode(aps, out ApsHeader? apsHeader, out _) || !apsHeader!.Security)
                    {
                        continue;
                    }

                    foreach (ZigbeeKey k in candidates)
                    {
                        byte[] plain = new byte[aps.Length];
                        SecurityOutcome outcome = ZigbeeSecurity.Unsecure(aps, apsHeader.HeaderLength, k, null, plain, out _, out int n1);
                        if (outcome == SecurityOutcome.Decrypted && Contains(plain.AsSpan(0, n1).ToArray(), NetworkKey.Span.ToArray()))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
    }
}
