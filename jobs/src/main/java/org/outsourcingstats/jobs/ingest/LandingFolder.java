package org.outsourcingstats.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.landing.FileRejection;
import org.outsourcingstats.common.landing.Shape;
import org.outsourcingstats.common.quality.ReasonCode;

/**
 * The landing folder on any Hadoop file system the session can reach: a local folder (the default),
 * {@code hdfs://} or {@code s3a://} (credentials from the environment, as Hadoop's S3A connector
 * reads them). Files are listed per shape sub-folder in name order; hidden files ({@code .name},
 * {@code _name}) and sub-folders are not landed.
 *
 * <p>Only regular files inside the folder are read. On a local folder a symbolic link is followed
 * when it leads to a regular file inside the landing folder (its real path lies under the folder's
 * real path); a link leading out of it, a dangling link, and anything that is not a regular file (a
 * FIFO, a socket, a device) are listed as {@link RefusedFile}s, never opened.
 *
 * <p>Size: One class: the local listing, with its link checks, and the Hadoop listing for other
 * file systems must produce the same {@link Listing}.
 */
public final class LandingFolder {
  private final FileSystem fileSystem;
  private final Path root;

  /** The real path of a local landing folder, links resolved; null on other file systems. */
  private final java.nio.file.Path localRoot;

  private LandingFolder(FileSystem fileSystem, Path root, java.nio.file.Path localRoot) {
    this.fileSystem = fileSystem;
    this.root = root;
    this.localRoot = localRoot;
  }

  /**
   * Opens the landing folder at {@code location}, a path (relative paths resolve against the
   * working directory) or a URI.
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
      java.nio.file.Path localRoot =
          "file".equals(root.toUri().getScheme())
              ? java.nio.file.Path.of(root.toUri()).toRealPath()
              : null;
      return new LandingFolder(fileSystem, root, localRoot);
    } catch (IOException e) {
      throw Errors.landingUnreadable(location, e);
    }
  }

  /** The files of one shape, in name order; none when the shape has no sub-folder. */
  public List<LandedFile> files(Shape shape) {
    return list(shape).files();
  }

  /** The files of one shape that may be landed, and the entries refused, each in name order. */
  public Listing list(Shape shape) {
    Path folder = new Path(root, shape.folder());
    try {
      if (localRoot != null) {
        return listLocal(java.nio.file.Path.of(folder.toUri()));
      }
      if (!fileSystem.exists(folder)) {
        return new Listing(List.of(), List.of());
      }
      List<LandedFile> files = new ArrayList<>();
      for (FileStatus status : fileSystem.listStatus(folder)) {
        String name = status.getPath().getName();
        if (status.isFile() && !hidden(name)) {
          files.add(new LandedFile(status.getPath(), status.getLen()));
        }
      }
      files.sort(Comparator.comparing(file -> file.path().getName()));
      return new Listing(files, List.of());
    } catch (IOException e) {
      throw Errors.landingUnreadable(folder.toString(), e);
    }
  }

  private Listing listLocal(java.nio.file.Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return new Listing(List.of(), List.of());
    }
    List<java.nio.file.Path> entries;
    try (Stream<java.nio.file.Path> listed = Files.list(folder)) {
      entries = listed.filter(entry -> !hidden(entry.getFileName().toString())).sorted().toList();
    }
    List<LandedFile> files = new ArrayList<>();
    List<RefusedFile> refused = new ArrayList<>();
    for (java.nio.file.Path entry : entries) {
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      java.nio.file.Path real;
      try {
        real = entry.toRealPath();
      } catch (IOException e) { // a dangling link, or one that loops
        refused.add(
            new RefusedFile(
                entry.toString(),
                ReasonCode.REFUSED_FILE,
                "a link to "
                    + linkTarget(entry)
                    + ", which does not exist; remove the link or land the file itself"));
        continue;
      }
      if (!real.startsWith(localRoot)) {
        refused.add(
            new RefusedFile(
                entry.toString(),
                ReasonCode.REFUSED_FILE,
                "a link to "
                    + real
                    + ", outside "
                    + "the landing folder "
                    + localRoot
                    + "; only files inside it are read: copy the file in instead"));
      } else if (Files.isDirectory(real)) {
        continue;
      } else if (!Files.isRegularFile(real)) {
        refused.add(
            new RefusedFile(
                entry.toString(),
                ReasonCode.REFUSED_FILE,
                "not a regular file (a FIFO, "
                    + "socket or device), which could block a reader forever; land a regular file"));
      } else {
        files.add(new LandedFile(new Path(entry.toUri()), Files.size(real)));
      }
    }
    return new Listing(files, refused);
  }

  private static String linkTarget(java.nio.file.Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "(unknown)";
    }
  }

  private static boolean hidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  /**
   * The whole file.
   *
   * @throws FileRejection with {@link ReasonCode#UNREADABLE_FILE} when it cannot be read
   */
  public byte[] readAll(LandedFile file) {
    try (InputStream in = fileSystem.open(file.path())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /**
   * The first bytes of the file.
   *
   * @throws FileRejection with {@link ReasonCode#UNREADABLE_FILE} when it cannot be read
   */
  public byte[] readHead(LandedFile file, int bytes) {
    try (InputStream in = fileSystem.open(file.path())) {
      return in.readNBytes(bytes);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  private static FileRejection unreadable(IOException e) {
    return new FileRejection(
        ReasonCode.UNREADABLE_FILE,
        "the file could not be read (" + Errors.cause(e) + "); make it readable and land it again");
  }

  /**
   * The SHA-256 of the file's bytes, in lower-case hex: a file's identity for "already landed".
   *
   * @throws FileRejection with {@link ReasonCode#UNREADABLE_FILE} when it cannot be read
   */
  public String sha256(LandedFile file) {
    try (DigestInputStream in = new DigestInputStream(fileSystem.open(file.path()), sha256())) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /**
   * The identity recorded for a file that was not read (refused, or unreadable): the SHA-256 of its
   * name and reason, so that the same refusal is reported once, and the file lands by its real
   * checksum once it can be read.
   */
  public static String identityOfUnread(String name, String reason) {
    MessageDigest digest = sha256();
    return HexFormat.of()
        .formatHex(
            digest.digest(
                ("not read: " + name + "\n" + reason)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The files of a shape's folder that may be landed, and the entries that are refused. */
  public record Listing(List<LandedFile> files, List<RefusedFile> refused) {
    public Listing {
      files = List.copyOf(files);
      refused = List.copyOf(refused);
    }
  }

  /**
   * An entry of the landing folder that is not read.
   *
   * @param name its path, as {@code source_file}
   * @param code why it is refused
   * @param reason what it is, and how to land its contents instead
   */
  public record RefusedFile(String name, ReasonCode code, String reason) {}

  /**
   * One file of the landing folder.
   *
   * @param path the fully qualified path, readable by executors too
   * @param length its size in bytes
   */
  public record LandedFile(Path path, long length) {
    /**
     * The name recorded as {@code source_file}: the plain path for a local file, the full URI
     * otherwise.
     */
    public String name() {
      return "file".equals(path.toUri().getScheme()) ? path.toUri().getPath() : path.toString();
    }

    /** The location to hand to Spark or Hadoop readers. */
    public String uri() {
      return path.toString();
    }
  }
}
