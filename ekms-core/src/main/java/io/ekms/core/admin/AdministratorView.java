package io.ekms.core.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An administrator as the admin API answers it; {@code token} only in the one answer that issued it
 * (creation, rotation), and never in {@link #toString()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdministratorView(
    String id, String name, List<String> roles, String createdAt, String createdBy, String token) {
  static AdministratorView of(Administrator a, String token) {
    return new AdministratorView(
        a.id(),
        a.name(),
        a.roles().stream().map(AdminRole::wireName).sorted().toList(),
        a.createdAt().toString(),
        a.createdBy(),
        token);
  }

  @Override
  public String toString() {
    return "AdministratorView[" + name + ", " + roles + (token == null ? "]" : ", token=REDACTED]");
  }
}
