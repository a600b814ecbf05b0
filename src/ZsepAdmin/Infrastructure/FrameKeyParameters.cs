using System;
using System.Collections;
using System.Management.Automation;
using Zsep.Stack.Frames;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>The -LinkKey parameter of the decoding cmdlets: a key, a list of keys, or a hashtable of IEEE address to key.</summary>
    internal static class FrameKeyParameters
    {
        public static void AddLinkKeys(FrameKeys keys, object? value)
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
}
