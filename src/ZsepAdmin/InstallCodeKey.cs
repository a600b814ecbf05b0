using System.Text;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace ZsepAdmin
{
    /// <summary>
    /// An install code whose CRC was checked, and the link key derived from it (output of ConvertTo-ZsepLinkKey).
    /// The key is shown: deriving it from a code the user typed is the command's purpose.
    /// </summary>
    public sealed class InstallCodeKey
    {
        public InstallCodeKey(InstallCode code)
        {
            InstallCode = Grouped(Hex.Format(code.Code));
            Crc = Zsep.Stack.Security.InstallCode.CrcAsPrinted(code.Crc);
            CodeLength = code.Length;
            Ieee = code.Ieee;
            LinkKey = code.DeriveLinkKey().ExportHex();
        }

        /// <summary>The code without its CRC, in groups of four digits as on labels.</summary>
        public string InstallCode { get; }

        /// <summary>The CRC as printed after the code (low byte first).</summary>
        public string Crc { get; }

        /// <summary>6, 8, 12 or 16.</summary>
        public int CodeLength { get; }

        /// <summary>The device's IEEE address, when the label's QR string carried it.</summary>
        public Eui64? Ieee { get; }

        /// <summary>The derived link key, 32 hex digits (AES-MMO of code and CRC).</summary>
        public string LinkKey { get; }

        /// <summary>The code and CRC; never the key.</summary>
        public override string ToString() => InstallCode + "-" + Crc;

        private static string Grouped(string hex)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < hex.Length; i += 4)
            {
                if (i > 0)
                {
                    sb.Append('-');
                }

                sb.Append(hex, i, System.Math.Min(4, hex.Length - i));
            }

            return sb.ToString();
        }
    }
}
