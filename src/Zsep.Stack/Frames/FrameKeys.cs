using System;
using System.Collections.Generic;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.Frames
{
    /// <summary>Where the FCS stands at the end of a MAC frame given to the decoder.</summary>
    public enum FcsMode
    {
        /// <summary>The last two bytes are an FCS when they are a valid one; otherwise there is none.</summary>
        Auto,

        /// <summary>The frame ends with two bytes that are not payload: an FCS, or radio metadata (RSSI/LQI) in its place.</summary>
        Present,

        /// <summary>The frame has no FCS.</summary>
        Absent,
    }

    /// <summary>
    /// The keys a person decoding frames holds: the network key, link keys bound to devices, link keys to try on
    /// any device, and (always, last) the default Trust Center link key ZigBeeAlliance09.
    /// </summary>
    public sealed class FrameKeys
    {
        private readonly Dictionary<Eui64, List<ZigbeeKey>> _byDevice = new Dictionary<Eui64, List<ZigbeeKey>>();
        private readonly List<ZigbeeKey> _anyDevice = new List<ZigbeeKey>();

        public static FrameKeys None { get; } = new FrameKeys();

        public ZigbeeKey? NetworkKey { get; set; }

        /// <summary>Whether ZigBeeAlliance09 is tried after the other link keys (default true).</summary>
        public bool TryDefaultTrustCenterLinkKey { get; set; } = true;

        public FrameKeys AddLinkKey(ZigbeeKey key, Eui64? device = null)
        {
            if (device is { } ieee)
            {
                if (!_byDevice.TryGetValue(ieee, out List<ZigbeeKey>? list))
                {
                    _byDevice[ieee] = list = new List<ZigbeeKey>();
                }

                list.Add(key);
            }
            else
            {
                _anyDevice.Add(key);
            }

            return this;
        }

        /// <summary>Adds the link key derived from an install code, bound to the label's IEEE address when it has one.</summary>
        public FrameKeys AddInstallCode(InstallCode code) => AddLinkKey(code.DeriveLinkKey(), code.Ieee);

        /// <summary>
        /// The link keys to try for a frame between <paramref name="source"/> and <paramref name="destination"/>
        /// (either may be unknown): keys bound to either device, then keys for any device, then keys bound to other
        /// devices (the headers do not always name the partner), then ZigBeeAlliance09.
        /// </summary>
        public IEnumerable<ZigbeeKey> LinkKeysFor(Eui64? source, Eui64? destination)
        {
            var tried = new HashSet<ZigbeeKey>();
            foreach (Eui64? device in new[] { source, destination })
            {
                if (device is { } d && _byDevice.TryGetValue(d, out List<ZigbeeKey>? bound))
                {
                    foreach (ZigbeeKey k in bound)
                    {
                        if (tried.Add(k))
                        {
                            yield return k;
                        }
                    }
                }
            }

            foreach (ZigbeeKey k in _anyDevice)
            {
                if (tried.Add(k))
                {
                    yield return k;
                }
            }

            foreach (List<ZigbeeKey> others in _byDevice.Values)
            {
                foreach (ZigbeeKey k in others)
                {
                    if (tried.Add(k))
                    {
                        yield return k;
                    }
                }
            }

            if (TryDefaultTrustCenterLinkKey && tried.Add(ZigbeeKey.DefaultTrustCenterLinkKey))
            {
                yield return ZigbeeKey.DefaultTrustCenterLinkKey;
            }
        }
    }
}
