using System.IO;
using System.Text;
using Xunit;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.State
{
    public class NetworkConfigTests
    {
        internal static NetworkConfig Sample() => new NetworkConfig
        {
            Name = "home",
            Channel = 15,
            PanId = new PanId(0x1A62),
            ExtendedPanId = Eui64.Parse("00:0D:6F:00:0B:BC:AB:01"),
            CoordinatorIeee = Eui64.Parse("00:0D:6F:00:00:00:00:01"),
            NetworkKeySequence = 3,
            Radio = "sim://home",
            Seed = 42,
            Policies = new TrustCenterPolicies { AllowJoinThroughRouter = false, RequireKeyEstablishment = true },
            PermitJoinDefaultSeconds = 120,
        };

        private const string Valid = @"{
  ""name"": ""home"",
  ""channel"": 15,
  ""panId"": ""0x1A62"",
  ""extendedPanId"": ""00:0D:6F:00:0B:BC:AB:01"",
  ""coordinatorIeee"": ""00:0D:6F:00:00:00:00:01"",
  ""networkKeySequence"": 0,
  ""radio"": ""sim://home""
}";

        [Fact]
        public void Save_then_Load_round_trips_every_field()
        {
            using var dir = new TempFolder();
            string path = dir.File(NetworkConfig.FileName);
            NetworkConfig config = Sample();
            config.Save(path);
            Assert.Equal(config, NetworkConfig.Load(path));
            Assert.False(File.Exists(path + ".tmp"));
        }

        [Fact]
        public void Saved_file_uses_readable_names_and_hex_addresses_and_holds_no_key()
        {
            string json = Encoding.UTF8.GetString(NetworkConfigFile.ToJson(Sample()));
            Assert.Contains("\"panId\": \"0x1A62\"", json);
            Assert.Contains("\"extendedPanId\": \"00:0D:6F:00:0B:BC:AB:01\"", json);
            Assert.Contains("\"requireInstallCode\": true", json);
            Assert.DoesNotContain("key\"", json.Replace("networkKeySequence\"", ""));
        }

        [Fact]
        public void Optional_fields_take_their_defaults()
        {
            NetworkConfig config = NetworkConfigFile.Parse(Encoding.UTF8.GetBytes(Valid));
            Assert.Null(config.Seed);
            Assert.Equal(180, config.PermitJoinDefaultSeconds);
            Assert.True(config.Policies.AllowJoinThroughRouter);
            Assert.True(config.Policies.RequireInstallCode);
            Assert.False(config.Policies.RequireKeyEstablishment);
        }

        [Fact]
        public void Comments_trailing_commas_a_BOM_and_any_case_of_names_are_accepted()
        {
            string text = "\uFEFF// edited by hand\n" + Valid.Replace("\"channel\"", "\"Channel\"").Replace("\"sim://home\"", "\"sim://home\",");
            NetworkConfig config = NetworkConfigFile.Parse(Encoding.UTF8.GetBytes(text));
            Assert.Equal(15, config.Channel);
        }

        [Theory]
        [InlineData("\"channel\": 15", "\"channel\": 27", "channel", "is 27; a channel is 11 to 26")]
        [InlineData("\"channel\": 15", "\"channel\": 10", "channel", "a channel is 11 to 26")]
        [InlineData("\"channel\": 15", "\"channel\": \"15\"", "channel", "must be a whole number")]
        [InlineData("\"channel\": 15", "\"channel\": 15.5", "channel", "must be a whole number")]
        [InlineData("\"channel\": 15,", "", "channel", "is missing")]
        [InlineData("\"0x1A62\"", "\"0xFFFF\"", "panId", "broadcast PAN ID")]
        [InlineData("\"0x1A62\"", "\"0x1G62\"", "panId", "4 hex digits")]
        [InlineData("\"0x1A62\"", "6754", "panId", "hex string in quotes")]
        [InlineData("\"00:0D:6F:00:0B:BC:AB:01\"", "\"00:0D:6F\"", "extendedPanId", "16 hex digits")]
        [InlineData("\"00:0D:6F:00:0B:BC:AB:01\"", "\"FF:FF:FF:FF:FF:FF:FF:FF\"", "extendedPanId", "all zeros or all ones")]
        [InlineData("\"00:0D:6F:00:00:00:00:01\"", "\"0000000000000000\"", "coordinatorIeee", "all zeros or all ones")]
        [InlineData("\"networkKeySequence\": 0", "\"networkKeySequence\": 256", "networkKeySequence", "0 to 255")]
        [InlineData("\"networkKeySequence\": 0", "\"networkKeySequence\": -1", "networkKeySequence", "0 to 255")]
        [InlineData("\"sim://home\"", "\"\"", "radio", "is empty")]
        [InlineData("\"name\": \"home\"", "\"name\": \"a/b\"", "name", "folder name")]
        [InlineData("\"name\": \"home\"", "\"name\": \"\"", "name", "is empty")]
        [InlineData("\"name\": \"home\"", "\"name\": 5", "name", "must be a string")]
        [InlineData("\"name\": \"home\"", "\"name\": \"home\", \"chanel\": 15", "chanel", "is not a known field")]
        [InlineData("\"name\": \"home\"", "\"name\": \"home\", \"channel\": 16", "channel", "appears twice")]
        [InlineData("\"name\": \"home\"", "\"name\": \"home\", \"seed\": 4294967296", "seed", "32-bit")]
        [InlineData("\"name\": \"home\"", "\"name\": \"home\", \"permitJoinDefaultSeconds\": 255", "permitJoinDefaultSeconds", "1 to 254")]
        [InlineData("\"name\": \"home\"", "\"name\": \"home\", \"policies\": []", "policies", "must be an object")]
        [InlineData("\"name\": \"home\"", "\"name\": \"home\", \"policies\": { \"requireInstallCode\": \"yes\" }", "policies.requireInstallCode", "true or false")]
        [InlineData("\"name\": \"home\"", "\"name\": \"home\", \"policies\": { \"allowJoin\": true }", "policies.allowJoin", "is not a known field")]
        public void Each_invalid_field_is_named_with_its_rule(string from, string to, string field, string rule)
        {
            using var dir = new TempFolder();
            string path = dir.File(NetworkConfig.FileName);
            string text = Valid.Replace(from, to);
            Assert.NotEqual(Valid, text);
            File.WriteAllText(path, text);
            var ex = Assert.Throws<NetworkStateException>(() => NetworkConfig.Load(path));
            Assert.Equal(NetworkStateError.InvalidConfig, ex.Reason);
            Assert.Equal(field, ex.Field);
            Assert.Contains($"field '{field}'", ex.Message);
            Assert.Contains(rule, ex.Message);
            Assert.StartsWith(path, ex.Message);
            Assert.Equal(path, ex.Path);
        }

        [Fact]
        public void A_range_error_gives_the_line_of_the_value_and_reads_like_a_sentence()
        {
            string path = "/x/nwk_config.json";
            var ex = Assert.Throws<NetworkStateException>(() => NetworkConfigFile.Parse(Encoding.UTF8.GetBytes(Valid.Replace("15", "27")), path));
            Assert.Equal(3, ex.LineNumber);
            Assert.Equal("/x/nwk_config.json, line 3: field 'channel' is 27; a channel is 11 to 26.", ex.Message);
        }

        [Theory]
        [InlineData("{\n  \"name\": \"home\",\n  \"channel\": 15\n  \"panId\": \"0x1A62\"\n}", 4)]
        [InlineData("{\n  \"name\": \"home\",\n\n\n  \"channel\": ,\n}", 5)]
        [InlineData("{\n  \"name\": \"home\n}", 2)]
        [InlineData("", 1)]
        [InlineData("{ \"name\": \"home\" } {", 1)]
        public void A_syntax_error_gives_the_line_number(string text, int line)
        {
            var ex = Assert.Throws<NetworkStateException>(() => NetworkConfigFile.Parse(Encoding.UTF8.GetBytes(text), "cfg.json"));
            Assert.Equal(NetworkStateError.ConfigSyntax, ex.Reason);
            Assert.Equal(line, ex.LineNumber);
            Assert.StartsWith($"cfg.json, line {line}:", ex.Message);
        }

        [Fact]
        public void A_top_level_that_is_not_an_object_is_refused()
        {
            var ex = Assert.Throws<NetworkStateException>(() => NetworkConfigFile.Parse(Encoding.UTF8.GetBytes("[1, 2]")));
            Assert.Equal(NetworkStateError.InvalidConfig, ex.Reason);
        }

        [Fact]
        public void A_missing_file_is_NotFound()
        {
            using var dir = new TempFolder();
            var ex = Assert.Throws<NetworkStateException>(() => NetworkConfig.Load(dir.File("none.json")));
            Assert.Equal(NetworkStateError.NotFound, ex.Reason);
        }

        [Fact]
        public void Save_validates_first_and_leaves_the_old_file()
        {
            using var dir = new TempFolder();
            string path = dir.File(NetworkConfig.FileName);
            Sample().Save(path);
            byte[] before = File.ReadAllBytes(path);
            var ex = Assert.Throws<NetworkStateException>(() => (Sample() with { Channel = 30 }).Save(path));
            Assert.Equal("channel", ex.Field);
            Assert.Equal(before, File.ReadAllBytes(path));
        }

        [Fact]
        public void Save_replaces_an_existing_file_and_a_stale_temp_file()
        {
            using var dir = new TempFolder();
            string path = dir.File(NetworkConfig.FileName);
            Sample().Save(path);
            File.WriteAllText(path + ".tmp", "half a file from a crash");
            (Sample() with { Channel = 25 }).Save(path);
            Assert.Equal(25, NetworkConfig.Load(path).Channel);
            Assert.False(File.Exists(path + ".tmp"));
        }
    }
}
