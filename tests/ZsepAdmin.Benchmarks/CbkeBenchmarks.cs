using System;
using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Security;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace ZsepAdmin.Benchmarks
{
    /// <summary>
    /// Issue 5 benchmark: one party's whole computation in a key establishment (07-5356 Annex C.4.2.2), per suite:
    /// reconstruct the partner's public key from its certificate (ECQV), generate the ephemeral key pair, compute the
    /// ECMQV shared secret, derive MacKey || KeyData and compute MACU and MACV. BouncyCastle arithmetic throughout.
    /// dotnet run -c Release --project tests/ZsepAdmin.Benchmarks -- --filter *CbkeBenchmarks*
    /// </summary>
    [MemoryDiagnoser]
    public class CbkeBenchmarks
    {
        private static readonly Eui64 Self = new Eui64(0x000D6F0000000001);
        private static readonly Eui64 Partner = new Eui64(0x000D6F0000AABBCC);

        private SecureRandom _random = null!;
        private TestCertificateAuthority _ca = null!;
        private CbkePrivateKey _privateKey = null!;
        private ImplicitCertificate _partnerCertificate = null!;
        private byte[] _partnerEphemeral = null!;

        [Params(CryptoSuite.Suite1, CryptoSuite.Suite2)]
        public CryptoSuite Suite { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _random = SecureRandom.GetInstance("SHA256PRNG", false);
            _random.SetSeed(BitConverter.GetBytes(42));
            _ca = TestCertificateAuthority.Create(Suite, _random);
            _privateKey = _ca.Issue(Self, _random).PrivateKey;
            _partnerCertificate = _ca.Issue(Partner, _random).Certificate;
            _partnerEphemeral = CbkeKeyPair.Generate(Suite, _random).PublicKey;
        }

        /// <summary>The responder's side; the initiator's is the same work.</summary>
        [Benchmark]
        public ZigbeeKey OneSide()
        {
            byte[] partnerPublic = Ecqv.ReconstructPublicKey(_partnerCertificate, _ca.Authority);
            CbkeKeyPair ephemeral = CbkeKeyPair.Generate(Suite, _random);
            CbkeExchangeResult result = CbkeExchange.Compute(false, Self, _privateKey, ephemeral, Partner, partnerPublic, _partnerEphemeral);
            return result.Material.KeyData;
        }
    }
}
