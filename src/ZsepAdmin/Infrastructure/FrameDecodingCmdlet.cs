using System;
using System.Collections;
using System.Management.Automation;
using Zsep.Stack.Capture;
using Zsep.Stack.Frames;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// Base of the cmdlets that decode frames (ConvertFrom-ZsepFrame, Read-ZsepCapture): the keys a person holds,
    /// as -NetworkKey, -LinkKey (a key, a list, or a hashtable of IEEE address to key) and -InstallCode.
    /// </summary>
    public abstract class FrameDecodingCmdlet : ZsepCmdlet
    {
        /// <summary>One network key, or several (a capture spanning a key rotation): each frame is tried with the key its key sequence number points at first.</summary>
        [Parameter]
        [ZigbeeKeyListTransformation]
        public ZigbeeKey[]? NetworkKey { get; set; }

        /// <summary>One key (hex) for every device, or a hashtable of IEEE address to key.</summary>
        [Parameter]
        public object? LinkKey { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? InstallCode { get; set; }

        /// <summary>The keys from the parameters; a malformed one ends the command (the message never repeats a key).</summary>
        protected FrameKeys BuildKeys()
        {
            var keys = new FrameKeys();
            try
            {
                AddLinkKeys(keys, LinkKey);
                foreach (string code in InstallCode ?? Array.Empty<string>())
                {
                    keys.AddInstallCode(Zsep.Stack.Security.InstallCode.Parse(code));
                }
            }
            catch (Exception ex) when (ex is FormatException || ex is InstallCodeException || ex is ArgumentException)
            {
                ThrowStackError(ex, null);
            }

            return keys;
        }

        /// <summary>The keys from the parameters with every -NetworkKey, to choose from per frame.</summary>
        protected CaptureKeyRing BuildKeyRing()
        {
            var ring = new CaptureKeyRing(BuildKeys());
            foreach (ZigbeeKey key in NetworkKey ?? Array.Empty<ZigbeeKey>())
            {
                ring.AddNetworkKey(key);
            }

            return ring;
        }

        private static void AddLinkKeys(FrameKeys keys, object? value)
        {
            switch (value is PSObject ps ? ps.BaseObject : value)
            {
                case null:
                    return;
                case ZigbeeKey key:
                    keys.AddLinkKey(key);
                    return;
                case string text:
                    keys.AddLinkKey(ZigbeeKey.Parse(text));
                    return;
                case IDictionary table:
                    foreach (DictionaryEntry entry in table)
                    {
                        string device = (entry.Key is PSObject k ? k.BaseObject : entry.Key)?.ToString() ?? string.Empty;
                        if (!Eui64.TryParse(device, out Eui64 ieee))
                        {
                            throw new FormatException($"'{device}' in the -LinkKey table is not an IEEE address (16 hex digits).");
                        }

                        object? keyValue = entry.Value is PSObject v ? v.BaseObject : entry.Value;
                        keys.AddLinkKey(keyValue as ZigbeeKey ?? ZigbeeKey.Parse(keyValue?.ToString() ?? string.Empty), ieee);
                    }

                    return;
                case IEnumerable list:
                    foreach (object? item in list)
                    {
                        AddLinkKeys(keys, item);
                    }

                    return;
                default:
                    throw new ArgumentException("-LinkKey takes a key (32 hex digits), a list of keys, or a hashtable of IEEE address to key.");
            }
        }
    }

    /// <summary>
    /// <see cref="ZigbeeKeyTransformationAttribute"/> for a list of keys: each item turned into a <see cref="ZigbeeKey"/>,
    /// with an error that never repeats the text.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ZigbeeKeyListTransformationAttribute : ArgumentTransformationAttribute
    {
        private static readonly ZigbeeKeyTransformationAttribute One = new ZigbeeKeyTransformationAttribute();

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (value is null || value is string || value is byte[] || value is ZigbeeKey || value is not IEnumerable list)
            {
                return value is null ? null : new[] { (ZigbeeKey)One.Transform(engineIntrinsics, value)! };
            }

            var keys = new System.Collections.Generic.List<ZigbeeKey>();
            foreach (object? item in list)
            {
                if (One.Transform(engineIntrinsics, item) is ZigbeeKey key)
                {
                    keys.Add(key);
                }
            }

            return keys.ToArray();
        }
    }
}
