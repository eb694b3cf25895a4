package org.outsourcingstats.common.landing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.outsourcingstats.common.error.Errors;

/**
 * The landing folder on any Hadoop file system the session can reach: a local folder (the default), {@code hdfs://}
 * or {@code s3a://} (credentials from the environment, as Hadoop's S3A connector reads them). Files are listed per
 * shape sub-folder in name order; hidden files ({@code .name}, {@code _name}) are not landed.
 */
public final class LandingFolder {
  private final FileSystem fileSystem;
  private final Path root;

  private LandingFolder(FileSystem fileSystem, Path root) {
    this.fileSystem = fileSystem;
    this.root = root;
  }

  /**
   * Opens the landing folder at {@code location}, a path (relative paths resolve against the working directory) or
   * a URI.
   *
   * @throws org.outsourcingstats.common.error.PipelineException when it is not an existing folder
   */
  public static LandingFolder open(String location, Configuration hadoopConf) {
    try {
      Path path = new Path(location);
      FileSystem fileSystem = path.getFileSystem(hadoopConf);
      Path root = fileSystem.makeQualified(path);
      if (!fileSystem.exists(root) || !fileSystem.getFileStatus(root).isDirectory()) {
        throw Errors.landingNotFound(location);
      }
      return new LandingFolder(fileSystem, root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the landing folder " + location, e);
    }
  }

  /** The files of one shape, in name order; none when the shape has no sub-folder. */
  public List<LandedFile> files(Shape shape) {
    Path folder = new Path(root, shape.folder());
    try {
      if (!fileSystem.exists(folder)) {
        return List.of();
      }
      List<LandedFile> files = new ArrayList<>();
      for (FileStatus status : fileSystem.listStatus(folder)) {
        String name = status.getPath().getName();
        if (status.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
          files.add(new LandedFile(status.getPath(), status.getLen()));
        }
      }
      files.sort(Comparator.comparing(file -> file.path().getName()));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the landing folder " + folder, e);
    }
  }

  public byte[] readAll(LandedFile file) {
    try (InputStream in = fileSystem.open(file.path())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read landed file " + file.name(), e);
    }
  }

  public byte[] readHead(LandedFile file, int bytes) {
    try (InputStream in = fileSystem.open(file.path())) {
      return in.readNBytes(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read landed file " + file.name(), e);
    }
  }

  /** The SHA-256 of the file's bytes, in lower-case hex: a file's identity for "already landed". */
  public String sha256(LandedFile file) {
    try (DigestInputStream in = new DigestInputStream(fileSystem.open(file.path()),
        MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read landed file " + file.name(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One file of the landing folder.
   *
   * @param path the fully qualified path, readable by executors too
   * @param length its size in bytes
   */
  public record LandedFile(Path path, long length) {
    /** The name recorded as {@code source_file}: the plain path for a local file, the full URI otherwise. */
    public String name() {
      return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
    }

    /** The location to hand to Spark or Hadoop readers. */
    public String uri() {
      return path.toString();
    }
  }
}
