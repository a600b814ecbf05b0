using System.Linq;
using System.Management.Automation;
using Xunit;

namespace ZsepAdmin.Tests
{
    /// <summary>Every error id documented in about_ZsepAdmin, with its category, as a user's Pester test would assert it.</summary>
    public sealed class ErrorTests : System.IDisposable
    {
        private readonly PsSession _ps = new PsSession();

        public void Dispose() => _ps.Dispose();

        private ErrorRecord SingleError(string script)
        {
            PsSession.Result r = _ps.Run(script);
            Assert.Null(r.Terminating);
            return Assert.Single(r.Errors);
        }

        [Theory]
        [InlineData("ConvertTo-ZsepLinkKey 83FED3407A939723A5C639B26916D505C3B4", "InstallCodeCrcMismatch,ZsepAdmin.Commands.ConvertToZsepLinkKeyCommand", "C3B5")]
        [InlineData("ConvertTo-ZsepLinkKey 83FED3407A", "InstallCodeBadLength,ZsepAdmin.Commands.ConvertToZsepLinkKeyCommand", "6, 8, 12 or 16")]
        [InlineData("ConvertTo-ZsepLinkKey 83FED3407A939723A5C639B26916D505", "InstallCodeBadLength,ZsepAdmin.Commands.ConvertToZsepLinkKeyCommand", "no CRC")]
        [InlineData("ConvertTo-ZsepLinkKey 'G3FED3407A939723A5C639B26916D505C3B5'", "InstallCodeBadCharacters,ZsepAdmin.Commands.ConvertToZsepLinkKeyCommand", "G")]
        [InlineData("ConvertFrom-ZsepFrame 6188e6621a0000 -Fcs Absent", "FrameMalformedMac,ZsepAdmin.Commands.ConvertFromZsepFrameCommand", "offset")]
        [InlineData("ConvertFrom-ZsepFrame 4802 -Layer Nwk", "FrameMalformedNwk,ZsepAdmin.Commands.ConvertFromZsepFrameCommand", "offset")]
        [InlineData("ConvertFrom-ZsepFrame 'zz12'", "InvalidFormat,ZsepAdmin.Commands.ConvertFromZsepFrameCommand", "not hex")]
        public void Bad_input_is_one_non_terminating_error_with_the_documented_id(string script, string fqid, string messagePart)
        {
            ErrorRecord e = SingleError(script);
            Assert.Equal(fqid, e.FullyQualifiedErrorId);
            Assert.Contains(messagePart, e.Exception.Message, System.StringComparison.OrdinalIgnoreCase);
            Assert.Contains(e.CategoryInfo.Category, new[] { ErrorCategory.InvalidData, ErrorCategory.InvalidArgument });
            Assert.DoesNotContain("   at ", e.Exception.Message);
        }

        [Fact]
        public void A_malformed_network_key_is_refused_without_repeating_it()
        {
            PsSession.Result r = _ps.Run("ConvertFrom-ZsepFrame 6188 -NetworkKey 'AB01030507090B0D0F0002040608'");
            System.Exception ex = (System.Exception?)r.Terminating ?? r.Errors.Single().Exception;
            string text = ex.ToString() + (r.Terminating?.ErrorRecord?.ToString() ?? string.Empty) + string.Join(" ", r.Errors.Select(e => e.ToString()));
            Assert.Contains("32 hex digits", text);
            Assert.DoesNotContain("AB01030507090B0D0F0002040608", text, System.StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void Errors_do_not_stop_the_pipeline()
        {
            PsSession.Result r = _ps.Run("'83FED3407A939723A5C639B26916D505C3B4', '83FED3407A939723A5C639B26916D505C3B5' | ConvertTo-ZsepLinkKey");
            Assert.Single(r.Errors);
            Assert.Equal("66B6900981E1EE3CA4206B6B861C02BB", Assert.Single(r.Output).Properties["LinkKey"].Value);
        }

        [Theory]
        [InlineData("zsep.db", "truncate", "NetworkStateCorruptStore")]
        [InlineData("nwk_config.json", "{ \"name\": \"x\",\n  \"channel\": ", "NetworkStateConfigSyntax")]
        [InlineData("nwk_config.json", "channel27", "NetworkStateInvalidConfig")]
        public void A_damaged_network_folder_is_refused_clearly_and_left_as_it_was(string file, string damage, string id)
        {
            string path = System.IO.Path.Combine(TestEnvironment.StateRoot, "damaged-" + System.Guid.NewGuid().ToString("N"));
            _ps.RunOk($"New-ZsepNetwork -Name dmg -StatePath '{path}' -Radio sim://dmg-{System.Guid.NewGuid():N} -Seed 1 -Channel 11 | Out-Null; Disconnect-ZsepNetwork -Network dmg");
            string target = System.IO.Path.Combine(path, file);
            if (damage == "truncate")
            {
                using var f = new System.IO.FileStream(target, System.IO.FileMode.Open);
                f.SetLength(f.Length / 3);
            }
            else if (damage == "channel27")
            {
                System.IO.File.WriteAllText(target, System.IO.File.ReadAllText(target).Replace("\"channel\": 11", "\"channel\": 27"));
            }
            else
            {
                System.IO.File.WriteAllText(target, damage);
            }

            byte[] before = System.IO.File.ReadAllBytes(target);
            ErrorRecord e = SingleError($"Connect-ZsepNetwork -StatePath '{path}'");
            Assert.Equal(id + ",ZsepAdmin.Commands.ConnectZsepNetworkCommand", e.FullyQualifiedErrorId);
            Assert.Contains(file, e.Exception.Message);
            Assert.Equal(before, System.IO.File.ReadAllBytes(target));
            Assert.Empty(_ps.RunOk("Get-ZsepNetwork"));
        }
    }
}
