using System;
using Zsep.Stack.Types;

namespace Zsep.Stack.Security.Cbke
{
    /// <summary>What one party derives once it holds the partner's ephemeral key: the keying material and both tags.</summary>
    public sealed class CbkeExchangeResult
    {
        private readonly byte[] _initiatorTag;
        private readonly byte[] _responderTag;

        internal CbkeExchangeResult(CbkeKeyingMaterial material, byte[] initiatorTag, byte[] responderTag)
        {
            Material = material;
            _initiatorTag = initiatorTag;
            _responderTag = responderTag;
        }

        /// <summary>MacKey and KeyData (the link key).</summary>
        public CbkeKeyingMaterial Material { get; }

        /// <summary>MACU (a copy).</summary>
        public byte[] InitiatorTag => (byte[])_initiatorTag.Clone();

        /// <summary>MACV (a copy).</summary>
        public byte[] ResponderTag => (byte[])_responderTag.Clone();

        internal ReadOnlySpan<byte> InitiatorTagSpan => _initiatorTag;

        internal ReadOnlySpan<byte> ResponderTagSpan => _responderTag;

        public override string ToString() => "<CBKE exchange result redacted>";
    }

    /// <summary>
    /// One party's cryptographic work in a key establishment (07-5356 Annex C.4.2.2.3-C.4.2.2.6), given the
    /// partner's certificate and ephemeral key: reconstruct the partner's public key (ECQV), compute Z (ECMQV),
    /// derive MacKey || KeyData, compute MACU and MACV. The same code serves both roles.
    /// </summary>
    public static class CbkeExchange
    {
        /// <summary>
        /// Runs the computation. <paramref name="partnerStaticPublic"/> is the key reconstructed from the partner's
        /// certificate (<see cref="Ecqv.ReconstructPublicKey"/> or <see cref="CertificateValidator"/>). Throws
        /// <see cref="Codec.FrameFormatException"/> when a partner point is invalid or Z is the point at infinity.
        /// </summary>
        public static CbkeExchangeResult Compute(bool isInitiator, Eui64 self, CbkePrivateKey staticPrivate, CbkeKeyPair ephemeral,
            Eui64 partner, ReadOnlySpan<byte> partnerStaticPublic, ReadOnlySpan<byte> partnerEphemeral)
        {
            byte[] z = Ecmqv.SharedSecret(staticPrivate, ephemeral, partnerStaticPublic, partnerEphemeral);
            CbkeKeyingMaterial material;
            try
            {
                material = CbkeKeyDerivation.Derive(z);
            }
            finally
            {
                Array.Clear(z, 0, z.Length);
            }

            Eui64 initiator = isInitiator ? self : partner;
            Eui64 responder = isInitiator ? partner : self;
            ReadOnlySpan<byte> eu = isInitiator ? ephemeral.PublicKeySpan : partnerEphemeral;
            ReadOnlySpan<byte> ev = isInitiator ? partnerEphemeral : ephemeral.PublicKeySpan;
            byte[] macU = CbkeKeyDerivation.InitiatorTag(material, initiator, responder, eu, ev);
            byte[] macV = CbkeKeyDerivation.ResponderTag(material, initiator, responder, eu, ev);
            return new CbkeExchangeResult(material, macU, macV);
        }
    }
}
