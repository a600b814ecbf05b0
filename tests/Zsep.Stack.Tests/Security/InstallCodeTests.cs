using System;
using System.Text.Json;
using Xunit;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Security
{
    /// <summary>Install codes (BDB 13-0402 10.1) against tests/vectors/install-codes.json and installcode-and-keys.json.</summary>
    public class InstallCodeTests
    {
        private static readonly JsonElement Codes = Vectors.Load("install-codes.json");

        [Fact]
        public void Bdb_10_1_vectors_crc_and_link_key()
        {
            foreach (JsonElement v in Codes.GetProperty("vectors").EnumerateArray())
            {
                string code = v.Str("code");
                InstallCode ic = InstallCode.Parse(code);
                Assert.Equal(v.Str("crcBytes"), InstallCode.CrcAsPrinted(ic.Crc));
                Assert.Equal(code + v.Str("crcBytes"), Hex.Format(ic.ToArrayWithCrc()));
                Assert.Equal(v.Str("linkKey"), ic.DeriveLinkKey().ExportHex());

                // The same with its CRC appended parses to the same code.
                InstallCode withCrc = InstallCode.Parse(code + v.Str("crcBytes"));
                Assert.Equal(ic, withCrc);
                Assert.Equal(v.Str("linkKey"), withCrc.DeriveLinkKey().ExportHex());
            }
        }

        [Fact]
        public void Bdb_10_1_crc_only_vectors()
        {
            foreach (JsonElement v in Codes.GetProperty("crcOnly").EnumerateArray())
            {
                Assert.Equal(v.Str("crcBytes"), InstallCode.CrcAsPrinted(InstallCode.ComputeCrc(v.Bytes("code"))));
                Assert.Equal(v.Str("crcBytes"), InstallCode.CrcAsPrinted(InstallCode.Parse(v.Str("code")).Crc));
            }
        }

        [Fact]
        public void Bdb_10_1_crc_is_x25_not_other_crc16_models()
        {
            ushort crc = InstallCode.ComputeCrc(Hex.Parse("0123456789ABCDEF0123456789ABCDEF"));
            Assert.Equal("E7B8", InstallCode.CrcAsPrinted(crc));
            foreach (JsonProperty wrong in Codes.GetProperty("wrongCrcModelsFor_0123456789ABCDEF0123456789ABCDEF").EnumerateObject())
            {
                if (wrong.Name != "note")
                {
                    Assert.NotEqual(wrong.Value.GetString(), crc.ToString("X4"));
                    Assert.NotEqual(wrong.Value.GetString(), InstallCode.CrcAsPrinted(crc));
                }
            }

            // CRC-16/X-25 check value for "123456789" is 0x906E.
            Assert.Equal(0x906E, InstallCode.ComputeCrc(System.Text.Encoding.ASCII.GetBytes("123456789")));
        }

        [Fact]
        public void Bdb_10_1_invalid_printed_crc_is_a_typed_error_naming_the_expected_crc()
        {
            foreach (JsonElement v in Codes.GetProperty("invalid").EnumerateArray())
            {
                string text = v.Str("codeWithCrc");
                var e = Assert.Throws<InstallCodeException>(() => InstallCode.Parse(text));
                Assert.Equal(InstallCodeError.CrcMismatch, e.Reason);
                string expected = v.Str("why").Split("correct is ")[1].Trim();
                Assert.Equal(expected, e.ExpectedCrcAsPrinted);
                Assert.Contains($"the code needs CRC {expected} (as printed", e.Message);
                Assert.Contains($"but the label has {text.Substring(text.Length - 4)}", e.Message);
                Assert.False(InstallCode.TryParse(text, out _, out InstallCodeException? error));
                Assert.Equal(InstallCodeError.CrcMismatch, error!.Reason);

                InstallCode corrected = InstallCode.Parse(text, correctCrc: true);
                Assert.Equal(expected, InstallCode.CrcAsPrinted(corrected.Crc));
            }
        }

        [Fact]
        public void Bdb_10_1_message_example_of_the_brief()
        {
            var e = Assert.Throws<InstallCodeException>(() => InstallCode.Parse("83FED3407A939723A5C639FF0000"));
            Assert.Equal(InstallCodeError.CrcMismatch, e.Reason);
            Assert.Contains("the code needs CRC 4C12 (as printed, low byte first; CRC-16/X-25 value 0x124C", e.Message);
            Assert.Contains("but the label has 0000", e.Message);
            Assert.Equal((ushort)0x124C, e.ExpectedCrc);
            Assert.Equal((ushort)0x0000, e.ActualCrc);
            Assert.DoesNotContain("58C1828C", e.Message); // never the derived key
        }

        [Fact]
        public void Bdb_10_1_public_test_vectors()
        {
            // from-public-tests/installcode-and-keys.json (zigbee-herdsman tests).
            JsonElement root = Vectors.Load("from-public-tests/installcode-and-keys.json").GetProperty("installCodes");
            foreach (JsonElement v in root.GetProperty("vectors").EnumerateArray())
            {
                string text = v.Str("code");
                string crc = v.Str("crcBytesLE").ToUpperInvariant();
                JsonElement valid = v.GetProperty("valid");
                if (valid.ValueKind == JsonValueKind.False)
                {
                    var e = Assert.Throws<InstallCodeException>(() => InstallCode.Parse(text));
                    Assert.Equal(InstallCodeError.CrcMismatch, e.Reason);
                    Assert.Equal(crc, e.ExpectedCrcAsPrinted);
                    Assert.Equal(crc, InstallCode.CrcAsPrinted(InstallCode.Parse(text, true).Crc));
                    continue;
                }

                InstallCode ic = InstallCode.Parse(text);
                Assert.Equal(16, ic.Length);
                Assert.Equal(crc, InstallCode.CrcAsPrinted(ic.Crc));
                if (v.TryGetProperty("linkKey", out JsonElement key))
                {
                    Assert.Equal(key.GetString(), ic.DeriveLinkKey().ExportHex());
                }
            }
        }

        [Theory]
        [InlineData("83FED3407A939723A5C639B26916D505C3B5")]
        [InlineData("83FED3407A939723A5C639B26916D505")]
        [InlineData("83fed3407a939723a5c639b26916d505c3b5")]
        [InlineData("83FE-D340-7A93-9723-A5C6-39B2-6916-D505-C3B5")]
        [InlineData("83FE D340 7A93 9723 A5C6 39B2 6916 D505 C3B5")]
        [InlineData("83:FE:D3:40:7A:93:97:23:A5:C6:39:B2:69:16:D5:05:C3:B5")]
        [InlineData("  83FED340 7A939723 A5C639B2 6916D505  ")]
        [InlineData("0x83FED3407A939723A5C639B26916D505C3B5")]
        [InlineData("Z:000D6F0000123456$I:83FED3407A939723A5C639B26916D505C3B5")]
        [InlineData("Z:000D6F0000123456$I:83FED3407A939723A5C639B26916D505C3B5$P:1234$D:Hello")]
        public void Bdb_10_1_label_forms(string text)
        {
            InstallCode ic = InstallCode.Parse(text);
            Assert.Equal("83FED3407A939723A5C639B26916D505C3B5", ic.ToString());
            Assert.Equal("66B6900981E1EE3CA4206B6B861C02BB", ic.DeriveLinkKey().ExportHex());
            if (text.StartsWith("Z:"))
            {
                Assert.Equal(Eui64.Parse("000D6F0000123456"), ic.Ieee);
            }
            else
            {
                Assert.Null(ic.Ieee);
            }
        }

        [Fact]
        public void Bdb_10_1_label_formats_of_the_vectors()
        {
            // install-codes.json "labelFormats" (zigbee-herdsman installCodes.ts behaviour): both carry a wrong CRC.
            foreach (JsonElement v in Codes.GetProperty("labelFormats").EnumerateArray())
            {
                string text = v.Str("text");
                var e = Assert.Throws<InstallCodeException>(() => InstallCode.Parse(text));
                Assert.Equal(InstallCodeError.CrcMismatch, e.Reason);
                InstallCode corrected = InstallCode.Parse(text, correctCrc: true);
                Assert.Equal(Eui64.Parse(v.Str("ieee")), corrected.Ieee);
                Assert.Equal(16, corrected.Length);
            }

            Assert.Equal("E7B8", Assert.Throws<InstallCodeException>(() =>
                InstallCode.Parse("HUE:Z:0123456789ABCDEF0123456789ABCDEF0123 M:0123456789ABCDEF D:L3B A:1184")).ExpectedCrcAsPrinted);
            Assert.Equal("8544", Assert.Throws<InstallCodeException>(() =>
                InstallCode.Parse("Z:6C5CB1FFFE44FDFD$I:5492072F8DE72829FEE139CF8ACA4F43EF21")).ExpectedCrcAsPrinted);
        }

        [Fact]
        public void Bdb_10_1_short_codes_6_8_12_bytes()
        {
            var rng = new Random(101);
            foreach (int length in new[] { 6, 8, 12, 16 })
            {
                for (int i = 0; i < 200; i++)
                {
                    var code = new byte[length];
                    rng.NextBytes(code);
                    InstallCode plain = InstallCode.FromBytes(code);
                    byte[] withCrc = plain.ToArrayWithCrc();
                    InstallCode parsed = InstallCode.Parse(Hex.Format(withCrc));
                    Assert.Equal(code, parsed.Code.ToArray());
                    Assert.Equal(plain.Crc, parsed.Crc);
                    if (length != 8 || InstallCode.ComputeCrc(code.AsSpan(0, 6)) != (ushort)(code[6] | (code[7] << 8)))
                    {
                        Assert.Equal(length, InstallCode.Parse(Hex.Format(code)).Length);
                    }
                }
            }
        }

        [Theory]
        [InlineData("83FED3407A939723A5C639B26916D5", InstallCodeError.BadLength)] // 15 bytes
        [InlineData("83FED3407A93", InstallCodeError.BadLength, false)] // 6 bytes is valid
        [InlineData("83FED3407A", InstallCodeError.BadLength)]
        [InlineData("83FED3407A939723A5C639B26916D505C3B5AA", InstallCodeError.BadLength)]
        [InlineData("83FED3407A939723A5C639B26916D505C3B", InstallCodeError.BadLength)] // odd digits
        [InlineData("83FED3407A939723A5C639B26916D5G5C3B5", InstallCodeError.BadCharacters)]
        [InlineData("83FED3407A939723A5C639B26916D505/C3B5", InstallCodeError.BadCharacters)]
        [InlineData("", InstallCodeError.BadLength)]
        [InlineData("Z:000D6F0000123456$X:00", InstallCodeError.BadCharacters)]
        [InlineData("Z:000D6F00001234$I:83FED3407A939723A5C639B26916D505C3B5", InstallCodeError.BadCharacters)]
        public void Bdb_10_1_rejections_are_typed(string text, InstallCodeError reason, bool fails = true)
        {
            if (!fails)
            {
                Assert.Equal(6, InstallCode.Parse(text).Length);
                return;
            }

            var e = Assert.Throws<InstallCodeException>(() => InstallCode.Parse(text));
            Assert.Equal(reason, e.Reason);
            Assert.Null(e.ExpectedCrc);
        }

        [Fact]
        public void Bdb_10_1_mutated_labels_only_throw_install_code_exception()
        {
            var rng = new Random(1010);
            string[] seeds =
            {
                "Z:6C5CB1FFFE44FDFD$I:5492072F8DE72829FEE139CF8ACA4F43EF21",
                "HUE:Z:0123456789ABCDEF0123456789ABCDEF0123 M:0123456789ABCDEF D:L3B A:1184",
                "83FE-D340-7A93-9723-A5C6-39B2-6916-D505-C3B5",
            };
            const string alphabet = "0123456789ABCDEFabcdefZzIiMm:$%- xX\t";
            for (int i = 0; i < 20_000; i++)
            {
                char[] s = seeds[rng.Next(seeds.Length)].ToCharArray();
                var list = new System.Collections.Generic.List<char>(s);
                for (int k = rng.Next(1, 4); k > 0; k--)
                {
                    int op = rng.Next(3);
                    if (op == 0 && list.Count > 0)
                    {
                        list.RemoveAt(rng.Next(list.Count));
                    }
                    else if (op == 1)
                    {
                        list.Insert(rng.Next(list.Count + 1), alphabet[rng.Next(alphabet.Length)]);
                    }
                    else if (list.Count > 0)
                    {
                        list[rng.Next(list.Count)] = alphabet[rng.Next(alphabet.Length)];
                    }
                }

                string text = new string(list.ToArray());
                try
                {
                    InstallCode.Parse(text, rng.Next(2) == 0);
                }
                catch (InstallCodeException)
                {
                }
                catch (Exception e)
                {
                    Assert.Fail($"{e.GetType().Name}: {e.Message} on '{text}'");
                }
            }
        }

        [Fact]
        public void Bdb_10_1_crc_printed_tells_a_checked_label_from_a_bare_code()
        {
            Assert.True(InstallCode.Parse("83FED3407A939723A5C639B26916D505C3B5").CrcPrinted);
            Assert.False(InstallCode.Parse("83FED3407A939723A5C639B26916D505").CrcPrinted);
            Assert.True(InstallCode.Parse("Z:000D6F0000BCAB01$I:83FED3407A939723A5C639FF4C12").CrcPrinted);
        }
    }
}
