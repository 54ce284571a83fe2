package org.amiconnect.loader.sink;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads the RSA private key of Snowflake key-pair authentication from PEM text with the JDK alone: PKCS#8
 * ({@code BEGIN PRIVATE KEY}), or encrypted PKCS#8 ({@code BEGIN ENCRYPTED PRIVATE KEY}) with its passphrase. Error
 * messages never contain key material.
 */
public final class PemPrivateKeys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private PemPrivateKeys() {
    }

    /**
     * @param pem the key as PEM text (surrounding text and blank lines are ignored)
     * @param passphrase the passphrase of an encrypted key, else null
     * @throws IllegalArgumentException saying what is wrong with the key, without its content
     */
    public static PrivateKey parse(String pem, String passphrase) {
        Matcher m = PEM.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("ssh_key is not a PEM private key (expected a '-----BEGIN PRIVATE KEY-----'"
                    + " block)");
        }
        String label = m.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ssh_key: the " + label + " block is not valid base64");
        }
        return switch (label) {
            case "PRIVATE KEY" -> rsa(new PKCS8EncodedKeySpec(der));
            case "ENCRYPTED PRIVATE KEY" -> rsa(decrypt(der, passphrase));
            case "RSA PRIVATE KEY" -> throw new IllegalArgumentException("ssh_key is a PKCS#1 key ('BEGIN RSA PRIVATE"
                    + " KEY'); convert it to PKCS#8 with: openssl pkcs8 -topk8 -inform PEM -in rsa_key.pem -nocrypt");
            default -> throw new IllegalArgumentException("ssh_key holds a '" + label + "' block, not a private key");
        };
    }

    private static PKCS8EncodedKeySpec decrypt(byte[] der, String passphrase) {
        if (passphrase == null || passphrase.isEmpty()) {
            throw new IllegalArgumentException("ssh_key is encrypted; set its passphrase as ssh_key_passphrase");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            String algorithm = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
            SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            javax.crypto.SecretKey key = factory.generateSecret(new PBEKeySpec(passphrase.toCharArray()));
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, key, info.getAlgParameters());
            return info.getKeySpec(cipher);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("ssh_key cannot be decrypted with ssh_key_passphrase ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static PrivateKey rsa(PKCS8EncodedKeySpec spec) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ssh_key is not an RSA private key in PKCS#8 form ("
                    + e.getClass().getSimpleName() + "); Snowflake key-pair authentication needs RSA");
        }
    }
}
