package io.statuskit.examples.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DemoServicesTest {
  @Test
  void theWebServerAnswers200() throws Exception {
    try (DemoServices demo = DemoServices.start()) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.httpPort() + "/")).timeout(Duration.ofSeconds(5)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theMailServerGreetsAndAnswersEhloAndQuit() throws Exception {
    try (DemoServices demo = DemoServices.start();
        Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), demo.smtpPort()), 5000);
      socket.setSoTimeout(5000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();

      assertThat(in.readLine()).startsWith("220 ");
      out.write("EHLO probe.example\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("250-");
      assertThat(in.readLine()).startsWith("250 ");
      out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(in.readLine()).startsWith("221 ");
    }
  }

  @Test
  void theNameServerAnswersAQuestionsWithLoopback() throws Exception {
    try (DemoServices demo = DemoServices.start();
        DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(5000);
      ByteBuffer query = ByteBuffer.allocate(64);
      query.putShort((short) 0x1234).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0).putShort((short) 0).putShort((short) 0);
      for (String label : new String[] {"nc033", "example"}) {
        query.put((byte) label.length()).put(label.getBytes(StandardCharsets.US_ASCII));
      }
      query.put((byte) 0).putShort((short) 1).putShort((short) 1);
      socket.send(new DatagramPacket(query.array(), query.position(), InetAddress.getLoopbackAddress(), demo.dnsPort()));
      DatagramPacket reply = new DatagramPacket(new byte[512], 512);
      socket.receive(reply);

      ByteBuffer answer = ByteBuffer.wrap(reply.getData(), 0, reply.getLength());
      assertThat(answer.getShort(0)).isEqualTo((short) 0x1234);
      assertThat(answer.getShort(2) & 0x8000).as("QR bit").isNotZero();
      assertThat(answer.getShort(2) & 0x000f).as("RCODE").isZero();
      assertThat(answer.getShort(6)).as("ANCOUNT").isEqualTo((short) 1);
      assertThat(Arrays.copyOfRange(reply.getData(), reply.getLength() - 4, reply.getLength())).containsExactly(127, 0, 0, 1);
    }
  }

  @Test
  void responsesAndMalformedQueriesGetNoAnswer() {
    byte[] response = new byte[17];
    response[2] = (byte) 0x80;
    response[5] = 1;
    assertThat(DemoServices.answer(response, response.length)).isEmpty();
    assertThat(DemoServices.answer(new byte[5], 5)).isEmpty();
  }
}
