using System;
using System.Linq;
using Xunit;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.State
{
    /// <summary>node_metering_formats (schema version 6): a meter's formatting attributes round-trip, null where the meter gave none.</summary>
    public class MeteringFormatStoreTests
    {
        [Fact]
        public void Metering_formats_round_trip_replace_survive_a_reopen_and_are_removed()
        {
            using var dir = new TempFolder();
            string path = dir.File(NetworkStore.FileName);
            var full = new MeteringFormatRecord
            {
                Ieee = NetworkStoreTests.Meter1, Endpoint = 1, UnitOfMeasure = 0, Multiplier = 1, Divisor = 1000,
                SummationFormatting = 0x33, DemandFormatting = 0x23, MeteringDeviceType = 0, ReadAt = NetworkStoreTests.T0,
            };
            var sparse = new MeteringFormatRecord { Ieee = NetworkStoreTests.HighBit, Endpoint = 9, UnitOfMeasure = 0x82, ReadAt = NetworkStoreTests.T0.AddMinutes(1) };
            using (var store = NetworkStore.Open(path, create: true))
            {
                Assert.True(store.SchemaVersion >= 6);
                store.SaveMeteringFormat(full);
                store.SaveMeteringFormat(sparse);
                store.SaveMeteringFormat(full with { Divisor = 100, SummationFormatting = 0x31 });
            }

            using (var store = NetworkStore.Open(path))
            {
                var formats = store.GetMeteringFormats().ToDictionary(f => f.Ieee);
                Assert.Equal(2, formats.Count);
                Assert.Equal(full with { Divisor = 100, SummationFormatting = 0x31 }, formats[NetworkStoreTests.Meter1]);
                Assert.Equal(sparse, formats[NetworkStoreTests.HighBit]);
                Assert.Null(formats[NetworkStoreTests.HighBit].Multiplier);
                Assert.True(store.RemoveMeteringFormat(NetworkStoreTests.Meter1));
                Assert.False(store.RemoveMeteringFormat(NetworkStoreTests.Meter1));
                Assert.Equal(new[] { NetworkStoreTests.HighBit }, store.GetMeteringFormats().Select(f => f.Ieee));
            }
        }
    }
}
