using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Zsep.Stack.Frames;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.Capture
{
    /// <summary>
    /// Several network keys for one capture: after a key rotation (Update-ZsepNetworkKey) a capture holds frames under
    /// the old key and the new one. Each NWK-secured frame names its key by the key sequence number of its auxiliary
    /// header (05-3474 4.5.1, 4.3.1.2): the keys known to have that sequence number are tried first (from the key
    /// file's label "sequence N", or learned from an earlier frame that one of them decrypted), then the rest in
    /// order. The link keys are those of <see cref="Keys"/>, shared by every attempt.
    /// </summary>
    public sealed class CaptureKeyRing
    {
        private static readonly Regex SequenceLabel = new Regex(@"\bsequence\s+(\d{1,3})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private readonly List<(ZigbeeKey Key, byte? Sequence)> _network = new List<(ZigbeeKey, byte?)>();
        private readonly Dictionary<byte, ZigbeeKey> _learned = new Dictionary<byte, ZigbeeKey>();

        /// <param name="keys">Link keys (and a network key, taken as the first network key) for every frame.</param>
        public CaptureKeyRing(FrameKeys? keys = null)
        {
            Keys = keys ?? new FrameKeys();
            if (Keys.NetworkKey is { } first)
            {
                AddNetworkKey(first);
            }
        }

        public FrameKeys Keys { get; }

        /// <summary>The network keys in the order they were added.</summary>
        public IReadOnlyList<ZigbeeKey> NetworkKeys => _network.Select(k => k.Key).ToList();

        /// <summary>Adds a network key (once), with its key sequence number when known.</summary>
        public CaptureKeyRing AddNetworkKey(ZigbeeKey key, byte? sequence = null)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            int i = _network.FindIndex(k => k.Key.Equals(key));
            if (i < 0)
            {
                _network.Add((key, sequence));
            }
            else if (sequence is not null && _network[i].Sequence is null)
            {
                _network[i] = (key, sequence);
            }

            return this;
        }

        /// <summary>The key sequence number in a Wireshark key label such as "home network key, sequence 1" (Export-ZsepWiresharkKey), or null.</summary>
        public static byte? SequenceFromLabel(string label)
        {
            Match m = SequenceLabel.Match(label ?? string.Empty);
            return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n <= 255 ? (byte)n : null;
        }

        /// <summary>Frames decrypted per network key sequence number so far (diagnostics).</summary>
        public IReadOnlyCollection<byte> SequencesSeen => _learned.Keys.OrderBy(k => k).ToList();

        /// <summary>The network keys to try for a frame of key sequence <paramref name="sequence"/>, most likely first.</summary>
        public IEnumerable<ZigbeeKey> Candidates(byte? sequence)
        {
            var tried = new HashSet<ZigbeeKey>();
            if (sequence is byte s)
            {
                foreach (var k in _network.Where(k => k.Sequence == s))
                {
                    if (tried.Add(k.Key))
                    {
                        yield return k.Key;
                    }
                }

                if (_learned.TryGetValue(s, out ZigbeeKey? learned) && tried.Add(learned))
                {
                    yield return learned;
                }
            }

            foreach (var k in _network)
            {
                if (tried.Add(k.Key))
                {
                    yield return k.Key;
                }
            }
        }

        /// <summary>Decodes a captured frame with the network key chosen as <see cref="Decode(Func{FrameKeys, DecodedFrame})"/> says.</summary>
        /// <exception cref="Codec.FrameFormatException">The frame is malformed at some layer.</exception>
        public DecodedFrame Decode(CapturedFrame captured) => Decode(keys => CaptureDecoder.Decode(captured, keys));

        /// <summary>
        /// Runs <paramref name="decode"/> (one frame, any start layer) with the network key chosen: first the one the
        /// last decrypted frame's key sequence number pointed at; when that does not decrypt it, the candidates for this
        /// frame's own key sequence number, then the others. The result of the first attempt when none decrypts it.
        /// </summary>
        public DecodedFrame Decode(Func<FrameKeys, DecodedFrame> decode)
        {
            if (decode is null)
            {
                throw new ArgumentNullException(nameof(decode));
            }

            if (_network.Count <= 1)
            {
                Keys.NetworkKey = _network.Count == 1 ? _network[0].Key : null;
                return Learn(decode(Keys), Keys.NetworkKey);
            }

            ZigbeeKey first = Candidates(_lastSequence).First();
            Keys.NetworkKey = first;
            DecodedFrame frame = decode(Keys);
            if (!NeedsAnotherKey(frame))
            {
                return Learn(frame, first);
            }

            byte? sequence = frame.NwkAuxiliaryHeader?.KeySequenceNumber ?? frame.ApsAuxiliaryHeader?.KeySequenceNumber;
            foreach (ZigbeeKey key in Candidates(sequence))
            {
                if (key.Equals(first))
                {
                    continue;
                }

                Keys.NetworkKey = key;
                DecodedFrame again = decode(Keys);
                if (!NeedsAnotherKey(again))
                {
                    return Learn(again, key);
                }
            }

            Keys.NetworkKey = first;
            return frame;
        }

        private byte? _lastSequence;

        /// <summary>The network key failed on this frame: its NWK layer, or an APS layer secured with the network key, did not verify.</summary>
        private static bool NeedsAnotherKey(DecodedFrame frame) =>
            frame.NwkSecurity == SecurityOutcome.MicFailed ||
            (frame.ApsSecurity == SecurityOutcome.MicFailed && frame.ApsAuxiliaryHeader?.KeyIdentifier == KeyIdentifier.Network);

        private DecodedFrame Learn(DecodedFrame frame, ZigbeeKey? key)
        {
            if (key is not null && frame.NwkSecurity == SecurityOutcome.Decrypted && frame.NwkAuxiliaryHeader?.KeySequenceNumber is byte s)
            {
                _learned[s] = key;
                _lastSequence = s;
            }

            return frame;
        }
    }
}
