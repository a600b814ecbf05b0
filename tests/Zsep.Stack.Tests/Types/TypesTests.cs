using System;
using Zsep.Stack.Types;
using Xunit;

namespace Zsep.Stack.Tests.Types
{
    public class TypesTests
    {
        [Theory]
        [InlineData("00:0D:6F:00:0B:BC:AB:01")]
        [InlineData("000D6F000BBCAB01")]
        [InlineData("0x000D6F000BBCAB01")]
        [InlineData("00-0D-6F-00-0B-BC-AB-01")]
        public void Eui64_parses_the_forms_on_labels(string text)
        {
            Assert.Equal(0x000D6F000BBCAB01UL, Eui64.Parse(text).Value);
            Assert.Equal("00:0D:6F:00:0B:BC:AB:01", Eui64.Parse(text).ToString());
        }

        [Theory]
        [InlineData("000D6F000BBCAB")]
        [InlineData("zz0D6F000BBCAB01")]
        [InlineData("")]
        public void Eui64_rejects_malformed_text(string text) =>
            Assert.Throws<FormatException>(() => Eui64.Parse(text));

        [Fact]
        public void Keys_are_never_displayed()
        {
            ZigbeeKey key = ZigbeeKey.Parse("01030507090B0D0F00020406080A0C0D");
            Assert.DoesNotContain("0103", key.ToString());
            Assert.Equal("01030507090B0D0F00020406080A0C0D", key.ExportHex());
            var ex = Assert.Throws<FormatException>(() => ZigbeeKey.Parse("0103050709"));
            Assert.DoesNotContain("0103050709", ex.Message);
        }

        [Fact]
        public void Pan_and_network_addresses_parse_hex()
        {
            Assert.Equal(0x1A62, PanId.Parse("0x1A62").Value);
            Assert.Equal(0x96BA, NwkAddress.Parse("96ba").Value);
            Assert.Equal("0x96BA", new NwkAddress(0x96BA).ToString());
            Assert.Throws<FormatException>(() => PanId.Parse("0x12345"));
        }
    }
}
