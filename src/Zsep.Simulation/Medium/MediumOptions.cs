using System;

namespace Zsep.Simulation.Medium
{
    /// <summary>
    /// Settings of a <see cref="SimulatedMedium"/>. The defaults model an indoor/suburban 2.4 GHz deployment of
    /// CC2420-class radios; every figure is a modelling choice documented on its property, not a spec value.
    /// </summary>
    public sealed record MediumOptions
    {
        public static MediumOptions Default { get; } = new MediumOptions();

        /// <summary>The medium's name, used in radio names ("sim://name/EUI64").</summary>
        public string Name { get; init; } = "medium";

        /// <summary>d0 of the log-distance model, metres (1 m). Closer than d0 counts as d0.</summary>
        public double ReferenceDistanceMetres { get; init; } = 1.0;

        /// <summary>
        /// PL(d0) in dB (40 dB). Free-space loss at 1 m and 2.45 GHz is 20·log10(4π/λ) ≈ 40.2 dB, so 40 dB.
        /// </summary>
        public double ReferenceLossDb { get; init; } = 40.0;

        /// <summary>
        /// n of the log-distance model (2.7). Free space is 2; measured indoor and built-up 2.4 GHz links range from
        /// about 2.5 to 4. With 0 dBm, -100 dBm sensitivity and no walls, 2.7 gives a reach of about 166 m (margin 0)
        /// and about 75 m at the 10 dB margin where 99 % of frames arrive: plausible for outdoor meters.
        /// </summary>
        public double PathLossExponent { get; init; } = 2.7;

        /// <summary>
        /// Standard deviation in dB of the log-normal shadowing drawn once per link (0: off). The draw depends only on
        /// <see cref="ShadowingSeed"/> and the two EUI-64s, so a link keeps its value whatever the order radios are created in.
        /// </summary>
        public double ShadowingSigmaDb { get; init; }

        /// <summary>Seed of the per-link shadowing.</summary>
        public int ShadowingSeed { get; init; }

        /// <summary>Receiver sensitivity in dBm (-100): below it nothing is heard. CC2420 data sheet: -95 typical; newer parts -100 and better.</summary>
        public double SensitivityDbm { get; init; } = -100.0;

        /// <summary>Noise floor in dBm (-100): the least an energy scan reports.</summary>
        public double NoiseFloorDbm { get; init; } = -100.0;

        /// <summary>
        /// The energy-detection threshold in dBm (-85) of CCA modes 1 and 3: the channel is busy when the energy heard
        /// reaches it (IEEE 802.15.4-2006 6.9.9: at most 10 dB above the specified receiver sensitivity, -85 dBm at
        /// 2.4 GHz, 6.5.3.3).
        /// </summary>
        public double CcaThresholdDbm { get; init; } = -85.0;

        /// <summary>
        /// How clear channel assessment judges the channel (IEEE 802.15.4-2006 6.9.9). Default
        /// <see cref="Medium.CcaMode.CarrierSenseOrEnergy"/> (mode 3, logical OR): busy on any IEEE 802.15.4 frame the
        /// radio can hear (at or above <see cref="SensitivityDbm"/>, whatever its energy) or on energy (interference
        /// included) at or above <see cref="CcaThresholdDbm"/>. With energy detection alone, neighbours heard below
        /// -85 dBm (every link of a sparse mesh) never defer to each other.
        /// </summary>
        public CcaMode CcaMode { get; init; } = CcaMode.CarrierSenseOrEnergy;

        /// <summary>Capture: of two overlapping frames at a receiver, one at least this many dB stronger survives (10 dB); otherwise both are lost.</summary>
        public double CaptureThresholdDb { get; init; } = 10.0;

        /// <summary>RSSI (dBm) that maps to LQI 255 (-40); sensitivity maps to 0, linear in between and clamped (CC2420-style).</summary>
        public double LqiSaturationDbm { get; init; } = -40.0;

        /// <summary>Margin above sensitivity (dB) at which half of the frames arrive (2 dB). See <see cref="Propagation.SuccessProbability"/>.</summary>
        public double HalfLossMarginDb { get; init; } = 2.0;

        /// <summary>Margin above sensitivity (dB) at which 99 % of the frames arrive (10 dB).</summary>
        public double NearLosslessMarginDb { get; init; } = 10.0;

        /// <summary>
        /// Radios whose signal from a sender is at most this many dB below sensitivity are kept in the sender's cached
        /// neighbour list, so that their <see cref="RadioCounters.DroppedBelowSensitivity"/> counts those frames; weaker
        /// ones are ignored altogether (10 dB). A wider fringe costs a longer walk over the neighbour list for every frame.
        /// </summary>
        public double FringeDb { get; init; } = 10.0;

        /// <summary>
        /// How long a radio with RxOnWhenIdle = false keeps its receiver on after a transmission (5 ms): room for a reply
        /// that comes at once. A simplification: a real sleepy end device turns its receiver off right after the ack.
        /// </summary>
        public TimeSpan SleepyReceiveWindow { get; init; } = TimeSpan.FromMilliseconds(5);

        /// <summary>
        /// How long a radio with RxOnWhenIdle = false listens after a data request whose ack had frame pending set:
        /// macMaxFrameTotalWaitTime (IEEE 802.15.4-2006 7.5.6.3), about 32 ms with the default PIB.
        /// </summary>
        public TimeSpan FramePendingReceiveWindow { get; init; } = PhyTiming.MaxFrameTotalWaitTime;
    }
}

namespace Zsep.Simulation.Medium
{
    /// <summary>Clear channel assessment modes (IEEE 802.15.4-2006 6.9.9).</summary>
    public enum CcaMode
    {
        /// <summary>Mode 1, energy above threshold: busy when the energy detected reaches <see cref="MediumOptions.CcaThresholdDbm"/>.</summary>
        Energy = 1,

        /// <summary>Mode 2, carrier sense only: busy when a signal with IEEE 802.15.4 modulation and spreading is detected (here: a frame heard at or above sensitivity), whatever its energy.</summary>
        CarrierSense = 2,

        /// <summary>Mode 3 with logical OR: carrier sense, or energy above threshold.</summary>
        CarrierSenseOrEnergy = 3,
    }
}
