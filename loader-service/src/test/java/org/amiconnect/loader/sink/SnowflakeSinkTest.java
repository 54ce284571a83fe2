package org.amiconnect.loader.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.AlgorithmParameters;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

import org.amiconnect.core.config.Secret;
import org.amiconnect.core.config.SinkConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How the Snowflake sink connects: its URL, key-pair or password authentication, and its session settings. */
class SnowflakeSinkTest {

    private static KeyPair keys;

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Encrypted PKCS#8 as {@code openssl pkcs8 -topk8 -v2 aes-256-cbc} writes it (PBES2, PBKDF2, AES-256). */
    private static String encryptedPem(PrivateKey key, String passphrase) throws Exception {
        String algorithm = "PBEWithHmacSHA256AndAES_256";
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(salt);
        new SecureRandom().nextBytes(iv);
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.ENCRYPT_MODE,
                SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(passphrase.toCharArray())),
                new PBEParameterSpec(salt, 2048, new IvParameterSpec(iv)));
        AlgorithmParameters parameters = cipher.getParameters();
        byte[] encrypted = cipher.doFinal(key.getEncoded());
        // JDK 17 decrypts PBES2 but cannot encode it (AlgorithmId has no name for it), so the DER is written here:
        // SEQUENCE { SEQUENCE { OID 1.2.840.113549.1.5.13 (PBES2), its parameters }, OCTET STRING encrypted }
        byte[] pbes2 = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x05, 0x0D};
        byte[] algorithmId = der(0x30, concat(pbes2, parameters.getEncoded()));
        byte[] info = der(0x30, concat(algorithmId, der(0x04, encrypted)));
        assertThat(new EncryptedPrivateKeyInfo(info).getAlgName()).isNotEmpty();
        return pem("ENCRYPTED PRIVATE KEY", info);
    }

    private static byte[] der(int tag, byte[] content) {
        byte[] length;
        if (content.length < 0x80) {
            length = new byte[] {(byte) content.length};
        } else if (content.length < 0x100) {
            length = new byte[] {(byte) 0x81, (byte) content.length};
        } else {
            length = new byte[] {(byte) 0x82, (byte) (content.length >> 8), (byte) content.length};
        }
        return concat(new byte[] {(byte) tag}, concat(length, content));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static SnowflakeSink.Credentials credentials(Optional<String> key, Optional<String> password) {
        return new SnowflakeSink.Credentials("myorg-account1", "AMI_LOADER", "AMI_ROLE", "AMI_WH", "AMI", "RAW", key,
                Optional.empty(), password);
    }

    @Test
    void connectsToTheAccountsHost() {
        assertThat(credentials(Optional.empty(), Optional.of("pw")).jdbcUrl())
                .isEqualTo("jdbc:snowflake://myorg-account1.snowflakecomputing.com/");
        SnowflakeSink.Credentials host = new SnowflakeSink.Credentials("xy12345.us-east-1.snowflakecomputing.com", "u",
                null, null, null, null, Optional.empty(), Optional.empty(), Optional.of("pw"));
        assertThat(host.jdbcUrl()).isEqualTo("jdbc:snowflake://xy12345.us-east-1.snowflakecomputing.com/");
    }

    @Test
    void authenticatesWithTheKeyPairWhenAnSshKeyIsConfigured() {
        Properties p = SnowflakeSink.connectionProperties(credentials(
                Optional.of(pem("PRIVATE KEY", keys.getPrivate().getEncoded())), Optional.of("unused-password")));

        assertThat(p.get("privateKey")).isInstanceOf(PrivateKey.class).isEqualTo(keys.getPrivate());
        assertThat(p).doesNotContainKey("password")
                .containsEntry("user", "AMI_LOADER").containsEntry("role", "AMI_ROLE")
                .containsEntry("warehouse", "AMI_WH").containsEntry("db", "AMI").containsEntry("schema", "RAW")
                .containsEntry("JDBC_QUERY_RESULT_FORMAT", "JSON").containsEntry("TIMEZONE", "UTC");
    }

    @Test
    void fallsBackToThePassword() {
        Properties p = SnowflakeSink.connectionProperties(credentials(Optional.empty(), Optional.of("pw-1")));

        assertThat(p).containsEntry("password", "pw-1").doesNotContainKey("privateKey");
        assertThat(credentials(Optional.empty(), Optional.of("pw-1")).toString()).doesNotContain("pw-1")
                .contains("auth=password");
    }

    @Test
    void needsAKeyOrAPassword() {
        assertThatThrownBy(() -> credentials(Optional.empty(), Optional.empty()))
                .hasMessage("Snowflake needs an ssh_key (key-pair authentication) or a password");
    }

    @Test
    void readsEncryptedKeysWithTheirPassphrase() throws Exception {
        String pem = encryptedPem(keys.getPrivate(), "s3cret");

        assertThat(PemPrivateKeys.parse(pem, "s3cret")).isEqualTo(keys.getPrivate());
        assertThatThrownBy(() -> PemPrivateKeys.parse(pem, null))
                .hasMessage("ssh_key is encrypted; set its passphrase as ssh_key_passphrase");
        assertThatThrownBy(() -> PemPrivateKeys.parse(pem, "wrong"))
                .hasMessageStartingWith("ssh_key cannot be decrypted with ssh_key_passphrase");
    }

    @Test
    void explainsKeysItCannotUseWithoutShowingThem() {
        String pkcs1 = pem("RSA PRIVATE KEY", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> PemPrivateKeys.parse(pkcs1, null))
                .hasMessageContaining("PKCS#1").hasMessageContaining("openssl pkcs8 -topk8");
        assertThatThrownBy(() -> PemPrivateKeys.parse("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", null))
                .hasMessageStartingWith("ssh_key is not a PEM private key").hasMessageNotContaining("MIIEv");
        assertThatThrownBy(() -> PemPrivateKeys.parse(pem("PRIVATE KEY", new byte[] {9, 9, 9}), null))
                .hasMessageStartingWith("ssh_key is not an RSA private key in PKCS#8 form");
    }

    @Test
    void readsItsCredentialsFromTheSinksSecrets() {
        SinkConfig sink = new SinkConfig("sf", "snowflake", null, Optional.empty(), List.of(), Map.of(
                "account", Secret.of("myorg-account1"), "user", Secret.of("AMI_LOADER"), "role", Secret.of("AMI_ROLE"),
                "warehouse", Secret.of("AMI_WH"), "database", Secret.of("AMI"), "schema", Secret.of("RAW"),
                "password", Secret.of("pw-1")));

        assertThat(WarehouseSinks.snowflakeCredentials(sink))
                .isEqualTo(credentials(Optional.empty(), Optional.of("pw-1")));
        SinkConfig noAccount = new SinkConfig("sf", "snowflake", null, Optional.empty(), List.of(),
                Map.of("user", Secret.of("u"), "password", Secret.of("p")));
        assertThatThrownBy(() -> WarehouseSinks.snowflakeCredentials(noAccount))
                .hasMessage("sink sf: secrets.yaml sinks.sf.account is missing");
    }

    @Test
    void saysHowToGetTheDriverWhenItIsNotInstalled() {
        Assumptions.assumeFalse(driverInstalled(), "the Snowflake JDBC driver is on the classpath");
        assertThatThrownBy(() -> new SnowflakeSink(credentials(Optional.empty(), Optional.of("pw"))))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Cannot connect to snowflake myorg-account1/AMI.RAW")
                .hasMessageContaining("net.snowflake:snowflake-jdbc is not on the classpath");
    }

    private static boolean driverInstalled() {
        try {
            Class.forName("net.snowflake.client.jdbc.SnowflakeDriver");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
