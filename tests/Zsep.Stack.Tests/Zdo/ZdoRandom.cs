using System;
using Zsep.Stack.Mac;
using Zsep.Stack.Tests.Aps;
using Zsep.Stack.Types;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Tests.Zdo
{
    /// <summary>Random valid ZDP messages of every decoded cluster (seeded by the caller).</summary>
    internal static class ZdoRandom
    {
        public static readonly ushort[] Clusters =
        {
            0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0013, 0x0021, 0x0022, 0x0031, 0x0032, 0x0033,
            0x0034, 0x0036, 0x0038, 0x8000, 0x8001, 0x8002, 0x8003, 0x8004, 0x8005, 0x8006, 0x8021, 0x8022, 0x8031,
            0x8032, 0x8033, 0x8034, 0x8036, 0x8038,
        };

        private static byte B(Random rng) => ApsRandom.Byte(rng);

        private static ushort U(Random rng) => ApsRandom.UShort(rng);

        private static NwkAddress N(Random rng) => new NwkAddress(U(rng));

        private static Eui64 E(Random rng) => ApsRandom.Eui(rng);

        private static ZdoStatus Status(Random rng) => rng.Next(2) == 0 ? ZdoStatus.SUCCESS : (ZdoStatus)(0x80 + rng.Next(0x13));

        private static ushort[] UList(Random rng, int max)
        {
            var list = new ushort[rng.Next(max + 1)];
            for (int i = 0; i < list.Length; i++)
            {
                list[i] = U(rng);
            }

            return list;
        }

        private static BindingTableEntry Binding(Random rng) =>
            rng.Next(2) == 0
                ? new BindingTableEntry { SourceAddress = E(rng), SourceEndpoint = B(rng), ClusterId = U(rng), DestinationAddressMode = ZdoAddressMode.Group, DestinationGroupAddress = U(rng) }
                : new BindingTableEntry { SourceAddress = E(rng), SourceEndpoint = B(rng), ClusterId = U(rng), DestinationAddressMode = ZdoAddressMode.Extended, DestinationAddress = E(rng), DestinationEndpoint = B(rng) };

        public static NodeDescriptor Node(Random rng) => new NodeDescriptor
        {
            LogicalType = (LogicalType)rng.Next(3),
            ComplexDescriptorAvailable = rng.Next(2) == 0,
            UserDescriptorAvailable = rng.Next(2) == 0,
            ApsFlags = (byte)rng.Next(8),
            FrequencyBand = (FrequencyBands)rng.Next(32),
            MacCapabilityFlags = (MacCapabilityInformation)B(rng),
            ManufacturerCode = U(rng),
            MaximumBufferSize = B(rng),
            MaximumIncomingTransferSize = U(rng),
            ServerMask = (ServerMask)U(rng),
            MaximumOutgoingTransferSize = U(rng),
            DescriptorCapabilityField = (DescriptorCapability)B(rng),
        };

        public static SimpleDescriptor Simple(Random rng) => new SimpleDescriptor
        {
            Endpoint = B(rng),
            ApplicationProfileIdentifier = U(rng),
            ApplicationDeviceIdentifier = U(rng),
            ApplicationDeviceVersion = (byte)rng.Next(16),
            ApplicationInputClusterList = UList(rng, 20),
            ApplicationOutputClusterList = UList(rng, 20),
        };

        public static ZdoMessage Message(Random rng, ushort cluster)
        {
            byte tsn = B(rng);
            ZdoStatus status = Status(rng);
            bool ok = status == ZdoStatus.SUCCESS;
            switch (cluster)
            {
                case 0x0000: return new NwkAddrRequest { Tsn = tsn, IeeeAddr = E(rng), RequestType = (ZdoAddressRequestType)rng.Next(2), StartIndex = B(rng) };
                case 0x0001: return new IeeeAddrRequest { Tsn = tsn, NwkAddrOfInterest = N(rng), RequestType = (ZdoAddressRequestType)rng.Next(2), StartIndex = B(rng) };
                case 0x0002: return new NodeDescRequest { Tsn = tsn, NwkAddrOfInterest = N(rng) };
                case 0x0003: return new PowerDescRequest { Tsn = tsn, NwkAddrOfInterest = N(rng) };
                case 0x0004: return new SimpleDescRequest { Tsn = tsn, NwkAddrOfInterest = N(rng), Endpoint = B(rng) };
                case 0x0005: return new ActiveEpRequest { Tsn = tsn, NwkAddrOfInterest = N(rng) };
                case 0x0006: return new MatchDescRequest { Tsn = tsn, NwkAddrOfInterest = N(rng), ProfileId = U(rng), InClusterList = UList(rng, 10), OutClusterList = UList(rng, 10) };
                case 0x0013: return new DeviceAnnounce { Tsn = tsn, NwkAddr = N(rng), IeeeAddr = E(rng), Capability = (MacCapabilityInformation)B(rng) };
                case 0x0021: return new BindRequest { Tsn = tsn, Binding = Binding(rng) };
                case 0x0022: return new UnbindRequest { Tsn = tsn, Binding = Binding(rng) };
                case 0x0031: return new MgmtLqiRequest { Tsn = tsn, StartIndex = B(rng) };
                case 0x0032: return new MgmtRtgRequest { Tsn = tsn, StartIndex = B(rng) };
                case 0x0033: return new MgmtBindRequest { Tsn = tsn, StartIndex = B(rng) };
                case 0x0034: return new MgmtLeaveRequest { Tsn = tsn, DeviceAddress = E(rng), RemoveChildren = rng.Next(2) == 0, Rejoin = rng.Next(2) == 0 };
                case 0x0036: return new MgmtPermitJoiningRequest { Tsn = tsn, PermitDuration = B(rng), TcSignificance = rng.Next(2) == 0 };
                case 0x0038:
                    {
                        byte duration = rng.Next(3) switch { 0 => (byte)rng.Next(6), 1 => (byte)(0xFE + rng.Next(2)), _ => B(rng) };
                        return new MgmtNwkUpdateRequest
                        {
                            Tsn = tsn,
                            ScanChannels = (uint)rng.Next() << 1,
                            ScanDuration = duration,
                            ScanCount = duration <= 5 ? B(rng) : null,
                            NwkUpdateId = duration >= 0xFE ? B(rng) : null,
                            NwkManagerAddr = duration == 0xFF ? N(rng) : null,
                        };
                    }

                case 0x8000:
                case 0x8001:
                    {
                        NwkAddress[]? list = null;
                        if (rng.Next(2) == 0)
                        {
                            list = new NwkAddress[rng.Next(8)];
                            for (int i = 0; i < list.Length; i++)
                            {
                                list[i] = N(rng);
                            }
                        }

                        byte start = list is { Length: > 0 } ? B(rng) : (byte)0;
                        return cluster == 0x8000
                            ? new NwkAddrResponse { Tsn = tsn, Status = status, IeeeAddrRemoteDev = E(rng), NwkAddrRemoteDev = N(rng), StartIndex = start, NwkAddrAssocDevList = list }
                            : new IeeeAddrResponse { Tsn = tsn, Status = status, IeeeAddrRemoteDev = E(rng), NwkAddrRemoteDev = N(rng), StartIndex = start, NwkAddrAssocDevList = list };
                    }

                case 0x8002: return new NodeDescResponse { Tsn = tsn, Status = status, NwkAddrOfInterest = N(rng), NodeDescriptor = ok ? Node(rng) : null };
                case 0x8003:
                    return new PowerDescResponse
                    {
                        Tsn = tsn,
                        Status = status,
                        NwkAddrOfInterest = N(rng),
                        PowerDescriptor = ok
                            ? new PowerDescriptor
                            {
                                CurrentPowerMode = (PowerMode)rng.Next(16),
                                AvailablePowerSources = (PowerSources)rng.Next(16),
                                CurrentPowerSource = (PowerSources)rng.Next(16),
                                CurrentPowerSourceLevel = (PowerSourceLevel)rng.Next(16),
                            }
                            : null,
                    };
                case 0x8004: return new SimpleDescResponse { Tsn = tsn, Status = status, NwkAddrOfInterest = N(rng), SimpleDescriptor = ok ? Simple(rng) : null };
                case 0x8005: return new ActiveEpResponse { Tsn = tsn, Status = status, NwkAddrOfInterest = N(rng), ActiveEpList = ApsRandom.Bytes(rng, rng.Next(10)) };
                case 0x8006: return new MatchDescResponse { Tsn = tsn, Status = status, NwkAddrOfInterest = N(rng), MatchList = ApsRandom.Bytes(rng, rng.Next(10)) };
                case 0x8021: return new BindResponse { Tsn = tsn, Status = status };
                case 0x8022: return new UnbindResponse { Tsn = tsn, Status = status };
                case 0x8034: return new MgmtLeaveResponse { Tsn = tsn, Status = status };
                case 0x8036: return new MgmtPermitJoiningResponse { Tsn = tsn, Status = status };
                case 0x8031:
                    {
                        var list = new NeighborTableEntry[ok ? rng.Next(4) : 0];
                        for (int i = 0; i < list.Length; i++)
                        {
                            list[i] = new NeighborTableEntry
                            {
                                ExtendedPanId = BitConverter.ToUInt64(ApsRandom.Bytes(rng, 8), 0),
                                ExtendedAddress = E(rng),
                                NetworkAddress = N(rng),
                                DeviceType = (NeighborDeviceType)rng.Next(4),
                                RxOnWhenIdle = (NeighborRxOnWhenIdle)rng.Next(4),
                                Relationship = (NeighborRelationship)rng.Next(8),
                                PermitJoining = (NeighborPermitJoining)rng.Next(4),
                                Depth = B(rng),
                                Lqi = B(rng),
                            };
                        }

                        return new MgmtLqiResponse { Tsn = tsn, Status = status, NeighborTableEntries = ok ? B(rng) : (byte)0, StartIndex = ok ? B(rng) : (byte)0, NeighborTableList = list };
                    }

                case 0x8032:
                    {
                        var list = new RoutingTableEntry[ok ? rng.Next(10) : 0];
                        for (int i = 0; i < list.Length; i++)
                        {
                            list[i] = new RoutingTableEntry
                            {
                                DestinationAddress = N(rng),
                                Status = (RouteStatus)rng.Next(8),
                                MemoryConstrained = rng.Next(2) == 0,
                                ManyToOne = rng.Next(2) == 0,
                                RouteRecordRequired = rng.Next(2) == 0,
                                NextHopAddress = N(rng),
                            };
                        }

                        return new MgmtRtgResponse { Tsn = tsn, Status = status, RoutingTableEntries = ok ? B(rng) : (byte)0, StartIndex = ok ? B(rng) : (byte)0, RoutingTableList = list };
                    }

                case 0x8033:
                    {
                        var list = new BindingTableEntry[ok ? rng.Next(5) : 0];
                        for (int i = 0; i < list.Length; i++)
                        {
                            list[i] = Binding(rng);
                        }

                        return new MgmtBindResponse { Tsn = tsn, Status = status, BindingTableEntries = ok ? B(rng) : (byte)0, StartIndex = ok ? B(rng) : (byte)0, BindingTableList = list };
                    }

                case 0x8038:
                    return new MgmtNwkUpdateNotify
                    {
                        Tsn = tsn,
                        Status = status,
                        ScannedChannels = (uint)rng.Next() << 1,
                        TotalTransmissions = U(rng),
                        TransmissionFailures = U(rng),
                        EnergyValues = ApsRandom.Bytes(rng, rng.Next(17)),
                    };
                default:
                    return new ZdoUnknownMessage(cluster) { Tsn = tsn, Payload = ApsRandom.Bytes(rng, rng.Next(20)) };
            }
        }
    }
}
