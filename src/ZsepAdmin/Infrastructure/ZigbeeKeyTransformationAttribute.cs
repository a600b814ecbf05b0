using System;
using System.Management.Automation;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// Turns a key parameter's text into a <see cref="ZigbeeKey"/> with an error that never repeats the text:
    /// PowerShell's own conversion error would quote the secret.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ZigbeeKeyTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject ps ? ps.BaseObject : inputData;
            switch (value)
            {
                case null:
                    return null;
                case ZigbeeKey key:
                    return key;
                case byte[] bytes when bytes.Length == ZigbeeKey.Length:
                    return new ZigbeeKey(bytes);
                case string text when ZigbeeKey.TryParse(text, out ZigbeeKey? parsed):
                    return parsed;
                default:
                    throw new ArgumentTransformationMetadataException("A key must be 16 bytes written as 32 hex digits (separators allowed).");
            }
        }
    }
}
