"""A test certificate authority built at run time (cryptography): an issuing body's
PKCS#12 signed by it, and small PDFs rendered by WeasyPrint from literal HTML."""

import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSPHRASE = "mật-khẩu-thử"
#: The visible signature's place on a test page (page 0, lower right, in points).
BOX = (0, 330, 60, 560, 140)


def _name(common_name):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Thử nghiệm"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _cert(subject, issuer, public_key, signing_key, *, ca):
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if not ca:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False
        )
    return builder.sign(signing_key, hashes.SHA256())


def issuer_pkcs12(common_name="UBND Xã Thử Nghiệm", passphrase=PASSPHRASE) -> bytes:
    """A PKCS#12 for `common_name`, its certificate issued by a fresh test CA."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("CA Thử Nghiệm")
    ca = _cert(ca_name, ca_name, ca_key.public_key(), ca_key, ca=True)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _cert(_name(common_name), ca_name, key.public_key(), ca_key, ca=False)
    return pkcs12.serialize_key_and_certificates(
        b"issuer", key, cert, [ca], BestAvailableEncryption(passphrase.encode())
    )


def small_pdf(text="Quyết định số 01/QĐ-UBND — Ấp Phước Hưng, xã Hưng Thuận") -> bytes:
    from weasyprint import HTML

    html = (
        "<html><head><style>@page { size: A4; margin: 2cm }"
        " body { font-family: 'Liberation Serif'; }</style></head>"
        f"<body><h1>{text}</h1></body></html>"
    )
    return HTML(string=html).write_pdf()
