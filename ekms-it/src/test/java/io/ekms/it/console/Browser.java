package io.ekms.it.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages, driven through {@code /usr/bin/chromedriver} named
 * explicitly (the machines cannot download drivers, so Selenium Manager must not run). Each page a
 * test looks at can be saved as a screenshot under {@code target/console-screenshots}.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SHOTS = Path.of("target", "console-screenshots");
  private final ChromeDriver driver;
  private final String base;
  private String test;
  private int pages;

  Browser(String base) {
    this.base = base;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
        "--lang=en-GB");
    // The loopback servers' certificates chain to the test's own CA, which Chromium's trust store
    // does not hold; everything else about the connection is real TLS.
    options.setAcceptInsecureCerts(true);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 900));
  }

  /** Names the automatic screenshots of the pages the next steps load, {@code test-NN-page}. */
  void startTest(String name) {
    test = name;
    pages = 0;
  }

  void open(String path) {
    driver.get(base + path);
    saved();
  }

  /** Every page a test loads is kept as a screenshot, numbered in the order it was seen. */
  private void saved() {
    if (test != null) {
      String page = path().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
      screenshot(String.format("%s-%02d-%s", test, ++pages, page.isEmpty() ? "root" : page));
    }
  }

  String path() {
    return java.net.URI.create(driver.getCurrentUrl()).getPath();
  }

  String url() {
    return driver.getCurrentUrl();
  }

  WebElement find(By by) {
    return driver.findElement(by);
  }

  java.util.List<WebElement> findAll(By by) {
    return driver.findElements(by);
  }

  String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  String h1() {
    return driver.findElement(By.tagName("h1")).getText();
  }

  void type(String id, String value) {
    WebElement e = driver.findElement(By.id(id));
    e.clear();
    e.sendKeys(value);
  }

  /** Clicks and waits for the page the click loads to replace this one. */
  void clickAndLoad(By by) {
    WebElement old = driver.findElement(By.tagName("html"));
    driver.findElement(by).click();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> gone(old));
    saved();
  }

  /**
   * True once {@code element} left the document: Chromium says so either as a stale reference or,
   * mid-navigation, as a node that "does not belong to the document".
   */
  private static boolean gone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return true;
    } catch (org.openqa.selenium.WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  /** Waits until {@code by} shows (the overview's charts are drawn by script). */
  void waitFor(By by) {
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** A check that may throw (it sends requests, say). */
  interface Check {
    boolean holds() throws Exception;
  }

  /** Waits until {@code check} holds, trying again every half second. */
  void waitUntil(Check check) {
    new WebDriverWait(driver, Duration.ofSeconds(60))
        .until(
            d -> {
              try {
                return check.holds();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
  }

  Cookie cookie(String name) {
    return driver.manage().getCookieNamed(name);
  }

  void clearCookies() {
    driver.manage().deleteAllCookies();
  }

  /** How much wider than the window the page is, in CSS pixels (0: no sideways scrolling). */
  long overflowX() {
    Object width =
        driver.executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    return ((Number) width).longValue();
  }

  /** The text of the element the keyboard focus is on after {@code tabs} presses of Tab. */
  String focusAfterTabs(int tabs) {
    for (int i = 0; i < tabs; i++) {
      driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
    }
    return driver.switchTo().activeElement().getText();
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Saves what the browser shows as {@code target/console-screenshots/name.png}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SHOTS);
      Path to = SHOTS.resolve(name + ".png");
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          to,
          StandardCopyOption.REPLACE_EXISTING);
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
