using System;
using Zsep.Stack.Mac;
using Zsep.Stack.Nwk;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Nwk
{
    /// <summary>Seeded generators of valid NWK headers, frames and commands (every structure and option).</summary>
    internal static class NwkRandom
    {
        public static bool Bool(this Random r) => r.Next(2) == 0;

        public static byte Byte(this Random r) => (byte)r.Next(256);

        public static NwkAddress Address(this Random r) => new NwkAddress((ushort)r.Next(65536));

        public static Eui64 Ieee(this Random r)
        {
            var b = new byte[8];
            r.NextBytes(b);
            return new Eui64(BitConverter.ToUInt64(b, 0));
        }

        public static Eui64? MaybeIeee(this Random r) => r.Bool() ? r.Ieee() : (Eui64?)null;

        public static byte[] Bytes(this Random r, int max)
        {
            var b = new byte[r.Next(max + 1)];
            r.NextBytes(b);
            return b;
        }

        public static NwkAddress[] Addresses(this Random r, int max)
        {
            var a = new NwkAddress[r.Next(max + 1)];
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = r.Address();
            }

            return a;
        }

        public static NwkHeader Header(Random r)
        {
            var type = (NwkFrameType)r.Next(4);
            var h = new NwkHeader
            {
                FrameType = type,
                ProtocolVersion = (byte)r.Next(16),
                DiscoverRoute = (NwkDiscoverRoute)r.Next(4),
                Security = r.Bool(),
                EndDeviceInitiator = r.Bool(),
            };
            if (type == NwkFrameType.InterPan)
            {
                return h;
            }

            return h with
            {
                DestinationAddress = r.Address(),
                SourceAddress = r.Address(),
                Radius = r.Byte(),
                SequenceNumber = r.Byte(),
                DestinationIeeeAddress = r.MaybeIeee(),
                SourceIeeeAddress = r.MaybeIeee(),
                MulticastControl = r.Bool()
                    ? new NwkMulticastControl((NwkMulticastMode)r.Next(4), (byte)r.Next(8), (byte)r.Next(8))
                    : (NwkMulticastControl?)null,
                SourceRoute = r.Bool() ? new NwkSourceRoute(r.Byte(), r.Addresses(r.Next(4) == 0 ? 40 : 5)) : null,
            };
        }

        public static NwkFrame Frame(Random r) => new NwkFrame(Header(r), r.Bytes(60));

        public static NwkCommand Command(Random r)
        {
            NwkCommand c;
            switch (r.Next(14))
            {
                case 0:
                    c = new NwkRouteRequest
                    {
                        ManyToOne = (NwkManyToOne)r.Next(4),
                        Multicast = r.Bool(),
                        RouteRequestIdentifier = r.Byte(),
                        DestinationAddress = r.Address(),
                        PathCost = r.Byte(),
                        DestinationIeeeAddress = r.MaybeIeee(),
                    };
                    break;
                case 1:
                    c = new NwkRouteReply
                    {
                        Multicast = r.Bool(),
                        RouteRequestIdentifier = r.Byte(),
                        OriginatorAddress = r.Address(),
                        ResponderAddress = r.Address(),
                        PathCost = r.Byte(),
                        OriginatorIeeeAddress = r.MaybeIeee(),
                        ResponderIeeeAddress = r.MaybeIeee(),
                    };
                    break;
                case 2:
                    var status = (NwkStatusCode)(r.Next(3) == 0 ? 0x13 : r.Byte());
                    c = new NwkNetworkStatus
                    {
                        StatusCode = status,
                        DestinationAddress = r.Address(),
                        UnknownCommandIdentifier = status == NwkStatusCode.UnknownCommand ? r.Byte() : (byte?)null,
                    };
                    break;
                case 3:
                    c = new NwkLeave { Rejoin = r.Bool(), Request = r.Bool(), RemoveChildren = r.Bool() };
                    break;
                case 4:
                    c = new NwkRouteRecord { RelayList = r.Addresses(r.Next(4) == 0 ? 255 : 6) };
                    break;
                case 5:
                    c = new NwkRejoinRequest { CapabilityInformation = (MacCapabilityInformation)r.Byte() };
                    break;
                case 6:
                    c = new NwkRejoinResponse { NetworkAddress = r.Address(), RejoinStatus = (NwkRejoinStatus)r.Byte() };
                    break;
                case 7:
                    var entries = new NwkLinkStatusEntry[r.Next(32)];
                    for (int i = 0; i < entries.Length; i++)
                    {
                        entries[i] = new NwkLinkStatusEntry(r.Address(), (byte)r.Next(8), (byte)r.Next(8));
                    }

                    c = new NwkLinkStatus { FirstFrame = r.Bool(), LastFrame = r.Bool(), Entries = entries };
                    break;
                case 8:
                    var pans = new PanId[r.Next(32)];
                    for (int i = 0; i < pans.Length; i++)
                    {
                        pans[i] = new PanId((ushort)r.Next(65536));
                    }

                    c = new NwkNetworkReport { ExtendedPanId = r.Ieee(), PanIds = pans };
                    break;
                case 9:
                    c = new NwkNetworkUpdate { ExtendedPanId = r.Ieee(), UpdateIdentifier = r.Byte(), NewPanId = new PanId((ushort)r.Next(65536)) };
                    break;
                case 10:
                    c = new NwkEndDeviceTimeoutRequest { RequestedTimeout = (NwkEndDeviceTimeout)r.Next(16), EndDeviceConfiguration = r.Byte() };
                    break;
                case 11:
                    c = new NwkEndDeviceTimeoutResponse { Status = (NwkEndDeviceTimeoutStatus)r.Next(3), ParentInformation = (NwkParentInformation)r.Next(8) };
                    break;
                case 12:
                    var power = new NwkLinkPowerDeltaEntry[r.Next(8)];
                    for (int i = 0; i < power.Length; i++)
                    {
                        power[i] = new NwkLinkPowerDeltaEntry(r.Address(), (sbyte)r.Byte());
                    }

                    c = new NwkLinkPowerDelta { Type = (NwkLinkPowerDeltaType)r.Next(4), PowerList = power };
                    break;
                default:
                    byte id = r.Byte();
                    while (id >= 0x01 && id <= 0x0D)
                    {
                        id = r.Byte();
                    }

                    return new NwkRawCommand(id, r.Bytes(20));
            }

            return r.Next(8) == 0 ? c with { TrailingData = r.Bytes(6) } : c;
        }
    }
}
