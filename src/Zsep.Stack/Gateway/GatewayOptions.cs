using Zsep.Stack.Types;

namespace Zsep.Stack.Gateway
{
    /// <summary>What New-ZsepNetwork asks for; anything not given is chosen (channel by energy scan, the rest at random).</summary>
    public sealed record GatewayOptions
    {
        public string Name { get; init; } = "zsep";

        /// <summary>11 to 26; null picks the quietest of 11, 15, 20 and 25 by an energy scan.</summary>
        public byte? Channel { get; init; }

        public PanId? PanId { get; init; }

        public Eui64? ExtendedPanId { get; init; }

        public ZigbeeKey? NetworkKey { get; init; }

        /// <summary>The network folder; null uses the default under the user's data folder.</summary>
        public string? StatePath { get; init; }

        /// <summary>The radio string; "sim://default" when not given.</summary>
        public string Radio { get; init; } = "sim://default";

        /// <summary>The seed of the simulated medium and of the random choices; null picks one.</summary>
        public int? Seed { get; init; }

        /// <summary>Re-use an existing network folder (its state is replaced).</summary>
        public bool Force { get; init; }
    }
}
