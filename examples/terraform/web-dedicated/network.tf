resource "huaweicloud_vpc" "main" {
  name = "${var.name}-vpc"
  cidr = var.vpc_cidr
}

resource "huaweicloud_vpc_subnet" "web" {
  name       = "${var.name}-web"
  vpc_id     = huaweicloud_vpc.main.id
  cidr       = cidrsubnet(var.vpc_cidr, 8, 1)
  gateway_ip = cidrhost(cidrsubnet(var.vpc_cidr, 8, 1), 1)
}

resource "huaweicloud_networking_secgroup" "web" {
  name                 = "${var.name}-web"
  delete_default_rules = true
}

# HTTPS from the internet, SSH from the office; nothing for the load balancer yet.
resource "huaweicloud_networking_secgroup_rule" "web_in" {
  for_each = { https = 443, ssh = 22 }

  security_group_id = huaweicloud_networking_secgroup.web.id
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = each.value
  port_range_max    = each.value
  remote_ip_prefix  = each.key == "ssh" ? var.office_cidr : "0.0.0.0/0"
}

resource "huaweicloud_networking_secgroup_rule" "web_out" {
  security_group_id = huaweicloud_networking_secgroup.web.id
  direction         = "egress"
  ethertype         = "IPv4"
  remote_ip_prefix  = "0.0.0.0/0"
}

resource "huaweicloud_compute_instance" "web" {
  count = var.server_count

  name               = "${var.name}-web-${count.index}"
  image_id           = var.image_id
  flavor_id          = var.flavor_id
  security_group_ids = [huaweicloud_networking_secgroup.web.id]

  network {
    uuid = huaweicloud_vpc_subnet.web.id
  }
}
