using System;

namespace Zsep.Stack.Nwk
{
    /// <summary>
    /// NWK frame type, frame control bits 0-1.
    /// Zigbee PRO 2015 (05-3474-21) 3.3.1.1.1 Frame Type Sub-Field; inter-PAN per the Smart Energy
    /// / Zigbee inter-PAN stub NWK header.
    /// </summary>
    public enum NwkFrameType : byte
    {
        Data = 0,
        Command = 1,
        Reserved = 2,

        /// <summary>Inter-PAN: the NWK header is the frame control field only (stub NWK header).</summary>
        InterPan = 3,
    }

    /// <summary>
    /// Discover route sub-field, frame control bits 6-7.
    /// Zigbee PRO 2015 (05-3474-21) 3.3.1.1.3 Discover Route Sub-Field.
    /// </summary>
    public enum NwkDiscoverRoute : byte
    {
        SuppressRouteDiscovery = 0,
        EnableRouteDiscovery = 1,
        Reserved = 2,

        /// <summary>Reserved in Zigbee PRO; "force route discovery" in Zigbee 2004 (as Wireshark names it).</summary>
        ForceRouteDiscovery = 3,
    }

    /// <summary>
    /// Multicast mode sub-field of the multicast control field, bits 0-1.
    /// Zigbee PRO 2015 (05-3474-21) 3.3.1.8.1 Multicast Mode Sub-Field.
    /// </summary>
    public enum NwkMulticastMode : byte
    {
        NonMemberMode = 0,
        MemberMode = 1,
        Reserved2 = 2,
        Reserved3 = 3,
    }

    /// <summary>
    /// NWK command identifiers.
    /// Zigbee PRO 2015 (05-3474-21) 3.4 Command Frames NWK Command Frames
    /// (0x0D link power delta: Zigbee PRO 2017 (R22); 0x0E/0x0F: Zigbee R23).
    /// </summary>
    public enum NwkCommandId : byte
    {
        RouteRequest = 0x01,
        RouteReply = 0x02,
        NetworkStatus = 0x03,
        Leave = 0x04,
        RouteRecord = 0x05,
        RejoinRequest = 0x06,
        RejoinResponse = 0x07,
        LinkStatus = 0x08,
        NetworkReport = 0x09,
        NetworkUpdate = 0x0A,
        EndDeviceTimeoutRequest = 0x0B,
        EndDeviceTimeoutResponse = 0x0C,
        LinkPowerDelta = 0x0D,
        NetworkCommissioningRequest = 0x0E,
        NetworkCommissioningResponse = 0x0F,
    }

    /// <summary>
    /// Many-to-one sub-field of the route request command options, bits 3-4.
    /// Zigbee PRO 2015 (05-3474-21) 3.4.1.3.1.1 Many-to-One Sub-Field.
    /// </summary>
    public enum NwkManyToOne : byte
    {
        /// <summary>The route request is not a many-to-one route request.</summary>
        NotManyToOne = 0,

        /// <summary>Many-to-one route request; the sender supports a route record table.</summary>
        RouteRecordTableSupported = 1,

        /// <summary>Many-to-one route request; the sender does not support a route record table.</summary>
        RouteRecordTableNotSupported = 2,

        Reserved = 3,
    }

    /// <summary>
    /// Report command identifier of the network report command options, bits 5-7.
    /// Zigbee PRO 2015 (05-3474-21) 3.4.9.3.1 Command Options Field.
    /// </summary>
    public enum NwkReportType : byte
    {
        PanIdentifierConflict = 0,
    }

    /// <summary>
    /// Update command identifier of the network update command options, bits 5-7.
    /// Zigbee PRO 2015 (05-3474-21) 3.4.10.3.1 Command Options Field.
    /// </summary>
    public enum NwkUpdateType : byte
    {
        PanIdentifierUpdate = 0,
    }

    /// <summary>
    /// Requested timeout enumeration of the end device timeout request (values 15-255 reserved).
    /// Zigbee PRO 2015 (05-3474-21) 3.4.11.3.1 Requested Timeout Field.
    /// </summary>
    public enum NwkEndDeviceTimeout : byte
    {
        Seconds10 = 0,
        Minutes2 = 1,
        Minutes4 = 2,
        Minutes8 = 3,
        Minutes16 = 4,
        Minutes32 = 5,
        Minutes64 = 6,
        Minutes128 = 7,
        Minutes256 = 8,
        Minutes512 = 9,
        Minutes1024 = 10,
        Minutes2048 = 11,
        Minutes4096 = 12,
        Minutes8192 = 13,
        Minutes16384 = 14,
    }

    /// <summary>
    /// Parent information bitmask of the end device timeout response.
    /// Zigbee PRO 2015 (05-3474-21) 3.4.12.3.2 Parent Information Field.
    /// </summary>
    [Flags]
    public enum NwkParentInformation : byte
    {
        None = 0,
        MacDataPollKeepaliveSupported = 0x01,
        EndDeviceTimeoutRequestKeepaliveSupported = 0x02,
        PowerNegotiationSupported = 0x04,
    }

    /// <summary>
    /// Type of a link power delta command, options bits 0-1.
    /// Zigbee PRO 2017 (05-3474-22) 3.4.13.3.1 Command Options Field.
    /// </summary>
    public enum NwkLinkPowerDeltaType : byte
    {
        Notification = 0,
        Request = 1,
        Response = 2,
        Reserved = 3,
    }

    /// <summary>Helpers for <see cref="NwkEndDeviceTimeout"/>.</summary>
    public static class NwkEndDeviceTimeoutExtensions
    {
        /// <summary>The timeout this enumeration value stands for, or null for a reserved value (15-255).</summary>
        public static TimeSpan? ToTimeSpan(this NwkEndDeviceTimeout value)
        {
            byte v = (byte)value;
            if (v == 0)
            {
                return TimeSpan.FromSeconds(10);
            }

            return v <= 14 ? TimeSpan.FromMinutes(1 << v) : (TimeSpan?)null;
        }
    }
}
