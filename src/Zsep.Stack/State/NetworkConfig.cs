using Zsep.Stack.Types;

namespace Zsep.Stack.State
{
    /// <summary>
    /// The Trust Center policies of a network (issue 3 §3). Zigbee PRO (05-3474) 4.7.3 "Trust Center policies";
    /// BDB (13-0402) 10.2 "Trust Center behavior".
    /// </summary>
    public sealed record TrustCenterPolicies
    {
        /// <summary>Whether a device may join through a router (the parent sends APS Update Device to the Trust
        /// Center). False after commissioning: every device must associate directly with the coordinator.</summary>
        public bool AllowJoinThroughRouter { get; init; } = true;

        /// <summary>Whether a device must have a registered install code (no well-known link key joins).</summary>
        public bool RequireInstallCode { get; init; } = true;

        /// <summary>Whether a joined Smart Energy device must complete CBKE (SE 07-5356 5.4.6) to stay.</summary>
        public bool RequireKeyEstablishment { get; init; }
    }

    /// <summary>
    /// nwk_config.json: the human-editable identity of one network (shared/design.md "State on disk"). The network
    /// key is deliberately not here: it lives in zsep.db (<see cref="NetworkStore.GetNetworkKey"/>), so this file
    /// can be shown, mailed and diffed. <see cref="NetworkConfigFile"/> reads, validates and writes it.
    /// </summary>
    public sealed record NetworkConfig
    {
        /// <summary>The file name inside a network folder.</summary>
        public const string FileName = "nwk_config.json";

        /// <summary>Lowest 2.4 GHz channel (IEEE 802.15.4-2006 6.1.2: channel 11 = 2405 MHz).</summary>
        public const int MinChannel = 11;

        /// <summary>Highest 2.4 GHz channel (channel 26 = 2480 MHz).</summary>
        public const int MaxChannel = 26;

        /// <summary>Default Mgmt_Permit_Joining duration in seconds (issue 3 §3: 1..254, default 180).</summary>
        public const int DefaultPermitJoinSeconds = 180;

        /// <summary>The network's name; also the default folder name, so it must be a plain file name.</summary>
        public string Name { get; init; } = "";

        /// <summary>2.4 GHz channel, 11 to 26.</summary>
        public int Channel { get; init; }

        /// <summary>The 16-bit PAN identifier (macPANId); 0xFFFF is the broadcast PAN and is not allowed.</summary>
        public PanId PanId { get; init; }

        /// <summary>The 64-bit extended PAN identifier (nwkExtendedPANID, Zigbee PRO 3.5.2); not 0 and not all ones.</summary>
        public Eui64 ExtendedPanId { get; init; }

        /// <summary>The coordinator's (and Trust Center's) IEEE address.</summary>
        public Eui64 CoordinatorIeee { get; init; }

        /// <summary>The active network key's sequence number (nwkActiveKeySeqNumber, Zigbee PRO 3.5.2), 0 to 255.</summary>
        public byte NetworkKeySequence { get; init; }

        /// <summary>Where the radio is: "sim://name", "/dev/ttyACM0", "COM3", "tcp://host:port".</summary>
        public string Radio { get; init; } = "";

        /// <summary>The simulation's seed, when the network is simulated and deterministic.</summary>
        public int? Seed { get; init; }

        public TrustCenterPolicies Policies { get; init; } = new TrustCenterPolicies();

        /// <summary>Default duration of Enable-ZsepJoin in seconds, 1 to 254.</summary>
        public int PermitJoinDefaultSeconds { get; init; } = DefaultPermitJoinSeconds;

        /// <summary>Reads and validates <paramref name="path"/>; see <see cref="NetworkConfigFile.Load"/>.</summary>
        public static NetworkConfig Load(string path) => NetworkConfigFile.Load(path);

        /// <summary>Validates and writes atomically; see <see cref="NetworkConfigFile.Save"/>.</summary>
        public void Save(string path) => NetworkConfigFile.Save(this, path);

        /// <summary>Throws <see cref="NetworkStateException"/> (InvalidConfig, naming the field) when a value is out of range.</summary>
        public void Validate(string path = FileName) => NetworkConfigFile.Validate(this, path);
    }
}
